import { getDefaults, Lexer, type Token, type TokensList } from 'marked';
import { ListTokenizer } from './list-tokenizer.js';

/** What marked reads as a task list item's text (`[ ] …`, `[x] …`): only its first block tells whether the box is removed. */
const TASK_ITEM = /^\[[ xX]\][ \t]+\S/u;

/**
 * marked's block lexer, except that a list item's content is not lexed into blocks of its own.
 * The loader reads a list's raw text and its items' text, never the blocks inside an item, and
 * lexing those again at every level of nesting was half the lexing (notes-L, one profile: 520 ms
 * of lexing, 240 without). Nothing else changes: an item's extent and text are found before its
 * content is lexed, and a task item is still lexed, as marked takes the check box out of its text
 * only when its first block is text. Only marked's list tokenizer calls `blockTokens` with
 * `state.top` false; as marked does, the lexer is left with `state.top` true afterwards. Lists
 * are found by {@link ListTokenizer}, which does the same faster.
 */
class BlockLexer extends Lexer {
  constructor() {
    super({ ...getDefaults(), tokenizer: new ListTokenizer() });
  }

  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(src: string, tokens?: TokensList, lastParagraphClipped?: boolean): TokensList;
  override blockTokens(src: string, tokens: Token[] = [], lastParagraphClipped = false): Token[] {
    if (this.state.top || TASK_ITEM.test(src)) return super.blockTokens(src, tokens, lastParagraphClipped);
    this.state.top = true;
    return tokens;
  }
}

/**
 * The top-level blocks of Markdown as marked lexes them, without inline tokens (the loader reads
 * none, and skipping them keeps marked's slow cases on long lines of `_`, `*` or `[` out of
 * loading) and with list items' `tokens` left empty.
 */
export function lexBlockTokens(markdown: string): Token[] {
  return new BlockLexer().blockTokens(markdown);
}
