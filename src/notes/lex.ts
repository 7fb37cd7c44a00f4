import { getDefaults, Lexer, type Token, type Tokens, type TokensList } from 'marked';
import { possibleBlocks, type BlockKind } from './block-starts.js';
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
 * are found by {@link ListTokenizer}, which does the same faster, and top-level blocks by
 * {@link BlockLexer.topLevelBlocks}, which asks only the tokenizers that can match.
 */
class BlockLexer extends Lexer {
  private readonly blocks: ListTokenizer;

  constructor() {
    const blocks = new ListTokenizer();
    super({ ...getDefaults(), tokenizer: blocks });
    this.blocks = blocks;
  }

  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(src: string, tokens?: TokensList, lastParagraphClipped?: boolean): TokensList;
  override blockTokens(src: string, tokens: Token[] = [], lastParagraphClipped = false): Token[] {
    if (this.state.top) return this.topLevelBlocks(src, tokens, lastParagraphClipped);
    if (TASK_ITEM.test(src)) return super.blockTokens(src, tokens, lastParagraphClipped);
    this.state.top = true;
    return tokens;
  }

  /**
   * marked's loop over blocks at the top level and in block quotes, which marked lexes as top
   * level (GFM, no extensions), its tokens merged as marked merges them: a lone newline ends the
   * block before it, indented code or a link definition right after a paragraph continues it,
   * and a paragraph continues one cut short (in a block quote). marked tries each of its
   * tokenizers in turn at each block; here only those that {@link possibleBlocks} leaves, in the
   * same order. The queue of inline lexing is not kept up to date: inline tokens are never lexed.
   */
  private topLevelBlocks(src: string, tokens: Token[], lastParagraphClipped: boolean): Token[] {
    this.blocks.lexer = this;
    const outerLastToken = this.state.lastToken;
    let rest = src;
    let lastParagraph: Token | undefined;
    let clipped = lastParagraphClipped;
    while (rest) {
      const lastToken = tokens.at(-1);
      this.state.lastToken = lastToken;
      const token = this.firstBlock(rest);
      rest = rest.substring(token.raw.length);
      if (token.type === 'space' && token.raw.length === 1 && lastToken) {
        lastToken.raw += '\n';
      } else if ((isIndentedCode(token) || token.type === 'def') && isText(lastToken)) {
        continueText(lastToken, token.raw, isIndentedCode(token) ? token.text : token.raw);
      } else if (isParagraph(token) && (clipped || lastToken === lastParagraph) && isParagraph(lastToken)) {
        continueText(lastToken, token.raw, token.text);
        [lastParagraph, clipped] = [lastToken, false];
      } else {
        if (token.type === 'def') this.keepLink(token as Tokens.Def);
        if (isParagraph(token)) [lastParagraph, clipped] = [token, false];
        tokens.push(token);
      }
    }
    this.state.top = true;
    this.state.lastToken = outerLastToken;
    return tokens;
  }

  /** The block at the start of `src`, from the first tokenizer that can and does match it. */
  private firstBlock(src: string): Token {
    for (const kind of possibleBlocks(src)) {
      const token = this.tokenize(kind, src);
      if (token === undefined) continue;
      // marked stops the same way rather than loop for ever; no tokenizer of its takes nothing.
      if (token.raw.length === 0) break;
      return token;
    }
    throw new Error(`bug: no Markdown block at ${JSON.stringify(src.slice(0, 40))}`);
  }

  private tokenize(kind: BlockKind, src: string): Token | undefined {
    switch (kind) {
      case 'space': return this.blocks.space(src);
      case 'code': return this.blocks.code(src);
      case 'fences': return this.blocks.fences(src);
      case 'heading': return this.blocks.heading(src);
      case 'hr': return this.blocks.hr(src);
      case 'blockquote': return this.blocks.blockquote(src);
      case 'list': return this.blocks.list(src);
      case 'html': return this.blocks.html(src);
      case 'def': return this.blocks.def(src);
      case 'table': return this.blocks.table(src);
      case 'lheading': return this.blocks.lheading(src);
      case 'paragraph': return this.blocks.paragraph(src);
    }
  }

  /** The first definition of a link label is the one that counts, as in marked. */
  private keepLink(def: Tokens.Def): void {
    this.tokens.links[def.tag] ??= { href: def.href, title: def.title };
  }
}

/** Indented code, which marked's `code` tokenizer finds; a fenced block is code too, but not indented. */
function isIndentedCode(token: Token): token is Tokens.Code {
  return token.type === 'code' && (token as Tokens.Code).codeBlockStyle === 'indented';
}

function isParagraph(token: Token | undefined): token is Tokens.Paragraph {
  return token?.type === 'paragraph';
}

/** A paragraph, or (below the top level) a run of text: what indented code or a link definition may continue. */
function isText(token: Token | undefined): token is Tokens.Paragraph | Tokens.Text {
  return token?.type === 'paragraph' || token?.type === 'text';
}

function continueText(block: Tokens.Paragraph | Tokens.Text, raw: string, text: string): void {
  block.raw += (block.raw.endsWith('\n') ? '' : '\n') + raw;
  block.text += '\n' + text;
}

/**
 * The top-level blocks of Markdown as marked lexes them, without inline tokens (the loader reads
 * none, and skipping them keeps marked's slow cases on long lines of `_`, `*` or `[` out of
 * loading) and with list items' `tokens` left empty.
 */
export function lexBlockTokens(markdown: string): Token[] {
  return new BlockLexer().blockTokens(markdown);
}
