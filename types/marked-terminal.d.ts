// The part of marked-terminal 7 that prep uses; the package ships no type declarations.
declare module 'marked-terminal' {
  import type { MarkedExtension, RendererObject } from 'marked';

  type Style = (text: string) => string;

  export interface TerminalRendererOptions {
    /** Styles of the renderers prep does not override. */
    code?: Style;
    strong?: Style;
    em?: Style;
    del?: Style;
    table?: Style;
    /** Decode `&amp;` and friends again (prep decodes them once itself). */
    unescape?: boolean;
    /** Turn `:smile:` short codes into emoji. */
    emoji?: boolean;
    /** Indentation of code blocks: spaces, or a string of tabs. */
    tab?: number | string;
    /** Options passed to cli-table3. */
    tableOptions?: {
      style?: { head?: string[]; border?: string[] };
    };
  }

  /** The extension: every renderer but `space` and `def` is defined. */
  export interface TerminalExtension extends MarkedExtension {
    renderer: RendererObject & { table: NonNullable<RendererObject['table']> };
  }

  /** A marked extension whose renderers print for a terminal. */
  export function markedTerminal(
    options?: TerminalRendererOptions,
    highlightOptions?: Record<string, unknown>,
  ): TerminalExtension;
}
