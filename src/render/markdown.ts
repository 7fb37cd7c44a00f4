// Heavy: marked-terminal loads highlight.js. Import it only with `await import()`.
import { Marked, type RendererObject, type Token, type Tokens } from 'marked';
import { markedTerminal, type TerminalExtension } from 'marked-terminal';
import type { ChalkInstance } from 'chalk';
import { capNesting } from '../notes/nesting.js';
import { escapeLongLines } from './long-lines.js';
import { decodeEntities, htmlToText, joinSoftBreaks } from './plaintext.js';
import { sanitize, sanitizeKeepingColour } from './sanitize.js';
import { palette, type RenderOptions } from './style.js';
import { displayWidth, stripAnsi } from './width.js';
import { wrapText } from './wrap.js';

/** Below this many columns, deeply nested text wraps wider than asked rather than one word a line. */
const MIN_WIDTH = 10;
const CODE_INDENT = 4;
const CODE_PAD = ' '.repeat(CODE_INDENT);
const TAB_STOP = 4;
const TOKEN_TEXT_FIELDS = ['text', 'raw', 'href', 'title', 'lang'] as const;

/**
 * Lists and quotes nested deeper than this are shown flat, their content at the column where the
 * nesting stopped, after a `⋯` that marks the place (else each level would take columns to the right).
 */
const MAX_SHOWN_DEPTH = 16;
const DEEPER = '⋯ ';

/** Where the block being rendered sits. */
interface Layout {
  /** Columns left: lists and quotes narrow it for their children. */
  width: number;
  /** Lists and quotes around the block. */
  depth: number;
  /** Inside a table, where marked-terminal splits rows at newlines, a line break is a space. */
  inTable: boolean;
}

function expandTabs(line: string): string {
  return line.replace(/([^\t]*)\t/g, (_all, before: string) => {
    const column = displayWidth(before);
    return before + ' '.repeat(TAB_STOP - (column % TAB_STOP));
  });
}

/**
 * Makes a token safe before anything renders it: marked decodes `&#27;` into a real ESC, so
 * every text field is sanitised here, once, whatever renderer reads it later.
 */
function prepareToken(token: Token): void {
  const fields = token as unknown as Record<string, unknown>;
  for (const key of TOKEN_TEXT_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = sanitize(value);
  }
  if (token.type === 'code') token.text = token.text.split('\n').map(expandTabs).join('\n');
}

function section(text: string): string {
  return text + '\n\n';
}

/** Prefixes the first line with `first` and every other non-empty line with `rest`. */
function hang(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first + line : line ? rest + line : line))
    .join('\n');
}

function listMarker(token: Tokens.List, index: number): string {
  const start = typeof token.start === 'number' ? token.start : 1;
  const bullet = token.ordered ? `${start + index}.` : '•';
  const box = token.items[index]?.tokens[0];
  return box?.type === 'checkbox' ? `${bullet} [${box.checked ? 'x' : ' '}]` : bullet;
}

/**
 * The renderers prep replaces. marked-terminal (for marked 18) prints `**bold**` literally in
 * list items, wraps by string length (CJK lines come out twice too wide), ignores list
 * indentation when wrapping, double-prints task boxes and, when the terminal supports it,
 * emits OSC 8 hyperlinks; so every block that holds text is rendered and wrapped here, and
 * marked-terminal keeps tables, code highlighting and strong/em/del.
 */
function renderers(
  terminal: TerminalExtension,
  style: ChalkInstance,
  color: boolean,
  layout: Layout,
): RendererObject {
  const wrap = (text: string): string => wrapText(text, Math.max(layout.width, MIN_WIDTH));
  const lineBreak = (): string => (layout.inTable ? ' ' : '\n');
  const narrowed = (indent: number, render: () => string): string => {
    layout.width -= indent;
    layout.depth += 1;
    try {
      return render();
    } finally {
      layout.width += indent;
      layout.depth -= 1;
    }
  };
  const itemTokens = (item: Tokens.ListItem): Token[] => (item.tokens[0]?.type === 'checkbox' ? item.tokens.slice(1) : item.tokens);
  /** A list or quote past MAX_SHOWN_DEPTH: its blocks one after another, marked where flattening starts. */
  const flat = (parser: { parse(tokens: Token[]): string }, blocks: Token[][]): string => {
    const first = layout.depth === MAX_SHOWN_DEPTH;
    const body = narrowed(first ? DEEPER.length : 0, () => blocks.map((tokens) => parser.parse(tokens).trimEnd()).join('\n'));
    return section(first ? hang(body, DEEPER, ' '.repeat(DEEPER.length)) : body);
  };

  return {
    paragraph(token) {
      return section(wrap(this.parser.parseInline(token.tokens)));
    },
    // A text token with inline tokens is the text of a tight list item: a block of its own.
    text(token) {
      if ('tokens' in token && token.tokens) return wrap(this.parser.parseInline(token.tokens)) + '\n';
      return decodeEntities(joinSoftBreaks(token.text));
    },
    heading(token) {
      return section(wrap(style.bold(this.parser.parseInline(token.tokens))));
    },
    list(token) {
      if (layout.depth >= MAX_SHOWN_DEPTH) return flat(this.parser, token.items.map(itemTokens));
      const markers = token.items.map((_item, index) => listMarker(token, index));
      const indent = Math.max(...markers.map(displayWidth)) + 1;
      const items = token.items.map((item, index) => {
        const body = narrowed(indent, () => this.parser.parse(itemTokens(item))).trimEnd();
        const marker = markers[index] ?? '';
        const first = ' '.repeat(indent - 1 - displayWidth(marker)) + marker + ' ';
        return hang(body, first, ' '.repeat(indent));
      });
      return section(items.join(token.loose ? '\n\n' : '\n'));
    },
    checkbox(token) {
      return token.checked ? '[x] ' : '[ ] ';
    },
    blockquote(token) {
      if (layout.depth >= MAX_SHOWN_DEPTH) return flat(this.parser, [token.tokens]);
      const body = narrowed(2, () => this.parser.parse(token.tokens)).trimEnd();
      return section(body.replace(/^/gm, `${style.dim('│')} `));
    },
    code(token) {
      if (color) return false;
      return section(hang(token.text, CODE_PAD, CODE_PAD));
    },
    codespan(token) {
      return style.yellow(token.text);
    },
    br: lineBreak,
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      const href = token.autolink ? token.href : decodeEntities(token.href);
      const label = stripAnsi(text);
      if (!label || label === href || `mailto:${label}` === href) return style.blue(text || href);
      return `${style.blue(text)} (${style.dim(href)})`;
    },
    image(token) {
      const alt = decodeEntities(token.text);
      return style.dim(`[image${alt ? `: ${alt}` : ''}] ${decodeEntities(token.href)}`);
    },
    html(token) {
      if (!token.block) return /^<br\s*\/?>$/i.test(token.text) ? lineBreak() : htmlToText(token.text);
      const pre = 'pre' in token && token.pre;
      const text = htmlToText(token.text, pre);
      if (!text) return '';
      return section(pre ? hang(text, CODE_PAD, CODE_PAD) : wrap(text));
    },
    table(token) {
      layout.inTable = true;
      try {
        return terminal.renderer.table.call(this, token);
      } finally {
        layout.inTable = false;
      }
    },
    hr() {
      return section(style.dim('─'.repeat(Math.max(layout.width, MIN_WIDTH))));
    },
  };
}

/** Renderers made so far, by width and colour. */
const made = new Map<string, Marked>();

/**
 * The renderer for the options, made once a process: making one (marked-terminal's renderer, the
 * palette, marked's options) costs about as much as rendering a short answer, and `prep show`
 * renders a question and an answer a card. Its layout is back at rest after every render.
 */
function markedFor(options: RenderOptions): Marked {
  const key = `${options.width}\u0000${options.color}`;
  let marked = made.get(key);
  if (!marked) {
    marked = createMarked(options);
    made.set(key, marked);
  }
  return marked;
}

function createMarked({ width, color }: RenderOptions): Marked {
  const style = palette(color);
  const terminal = markedTerminal({
    emoji: false,
    unescape: false,
    tab: CODE_INDENT,
    code: style.yellow,
    strong: style.bold,
    em: style.italic,
    del: style.strikethrough,
    table: (text) => text,
    tableOptions: { style: { head: color ? ['bold'] : [], border: color ? ['gray'] : [] } },
  });
  return new Marked(terminal, {
    renderer: renderers(terminal, style, color, { width, depth: 0, inTable: false }),
    walkTokens: prepareToken,
  });
}

/** The last word on safety, then tidy ends: no trailing spaces, no blank lines at either end. */
function finish(output: string, color: boolean): string {
  const safe = color ? sanitizeKeepingColour(output) : sanitize(output);
  return safe.replace(/[ \t]+$/gm, '').replace(/^\n+/, '').trimEnd();
}

/**
 * Renders a card's Markdown answer for the terminal, wrapped to `width` columns (CJK counts
 * two). No control character from the note reaches the output; with `color` off it holds no
 * escape sequence at all. Raw escape sequences are removed whole before lexing (the lexer would
 * split them at `[` or `]` and leave their parameters as text); decoded entities are caught later.
 * Lists and quotes nested past what marked can recurse into show the rest of their line as text,
 * and so do lines too long for marked's inline rules.
 */
export function renderMarkdown(markdown: string, options: RenderOptions): string {
  const safe = capNesting(escapeLongLines(sanitize(markdown))).text;
  try {
    return finish(markedFor(options).parse(safe, { async: false }), options.color);
  } catch (error) {
    // marked's expressions run out of stack on some blocks of megabytes: such an answer is shown as its text.
    if (!(error instanceof RangeError)) throw error;
    return finish(wrapText(safe, Math.max(options.width, MIN_WIDTH)), options.color);
  }
}

/** Renders one line of inline Markdown (a question), wrapped to `width` columns. */
export function renderInline(markdown: string, options: RenderOptions): string {
  const inline = markedFor(options).parseInline(escapeLongLines(sanitize(markdown)), { async: false });
  return finish(wrapText(inline, Math.max(options.width, MIN_WIDTH)), options.color);
}
