import { Lexer, type Token, type Tokens, type TokensList } from 'marked';

const TASK_ITEM = /^\[[ xX]\][ \t]+\S/u;

/**
 * The block lexer `lexBlockTokens` must agree with: marked's own, with a list item's content
 * left unlexed unless the item is a task (marked takes a task's check box out of its text only
 * when the item's first block is text). This is how the loader lexed before list scanning was
 * made faster; it stays here, outside the source, as the reference to compare with.
 */
class ReferenceBlockLexer extends Lexer {
  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(src: string, tokens?: TokensList, lastParagraphClipped?: boolean): TokensList;
  override blockTokens(src: string, tokens: Token[] = [], lastParagraphClipped = false): Token[] {
    if (this.state.top || TASK_ITEM.test(src)) return super.blockTokens(src, tokens, lastParagraphClipped);
    this.state.top = true;
    return tokens;
  }
}

/** The top-level blocks marked's reference lexer finds in Markdown. */
export function referenceBlockTokens(markdown: string): Token[] {
  return new ReferenceBlockLexer().blockTokens(markdown);
}

/**
 * What the loader reads of top-level tokens (type, raw, the text of paragraphs, headings, code
 * and HTML, a heading's depth, a code block's style, a list item's text), with a list's and its
 * items' bookkeeping (`ordered`, `start`, `loose`, `raw`, `task`, `checked`) and the blocks in a
 * block quote (lexed by the same loop) too.
 */
export function loaderView(tokens: Token[]): unknown[] {
  return tokens.map((token) => ({
    type: token.type,
    raw: token.raw,
    text: 'text' in token ? token.text : undefined,
    depth: token.type === 'heading' ? token.depth : undefined,
    codeBlockStyle: token.type === 'code' ? token.codeBlockStyle : undefined,
    list: token.type === 'list' ? listView(token as Tokens.List) : undefined,
    quoted: token.type === 'blockquote' ? loaderView((token as Tokens.Blockquote).tokens) : undefined,
  }));
}

function listView(list: Tokens.List): unknown {
  return {
    ordered: list.ordered,
    start: list.start,
    loose: list.loose,
    items: list.items.map((item) => ({ raw: item.raw, text: item.text, task: item.task, checked: item.checked, loose: item.loose })),
  };
}
