import type { Token, Tokens } from 'marked';
import type { Block } from './outline.js';
import { HTML_TAG, isCommentOnly } from './html.js';
import { lexBlockTokens } from './lex.js';
import { splitOutlineNumber } from './numbering.js';
import { withoutAnswerLabel } from './prompts.js';
import { looksLikeQuestion } from './questions.js';

const BACK_TO_TOP = /(?:top|顶部|返回|回到|⬆|↑|back)/iu;
const ANCHOR_LINK_ONLY = /^\s*(?:\[[^\]]*\]\(#[^)]*\)|<a\s+href=["']#[^"']*["'][^>]*>[^<]*<\/a>)\s*$/iu;
/** Emphasis, or a paragraph or alignment tag, wrapped around a whole line: `**[⬆ back to top](#toc)**`. */
const WRAPPER = /^(?:[*_]+|<(?:p|div|span|sub|sup|small|b|strong)\b[^>]*>)+|(?:[*_]+|<\/(?:p|div|span|sub|sup|small|b|strong)\s*>)+$/giu;

/**
 * Blocks with comments, "back to top" links and the rules (`---`) that separate questions
 * removed, and a tab-indented list under a heading read as a list.
 */
export function cleanBlocks(blocks: Block[]): Block[] {
  const kept = anyBlock(blocks, isNoiseBlock) ? blocks.filter((block) => !isNoiseBlock(block)) : blocks;
  return readIndentedListAsList(trimRules(kept));
}

/** Blocks without the thematic breaks and blank space at either end. */
function trimRules(blocks: Block[]): Block[] {
  let start = 0;
  let end = blocks.length;
  while (start < end && isEdge(blocks[start] as Block)) start++;
  while (end > start && isEdge(blocks[end - 1] as Block)) end--;
  return blocks.slice(start, end);
}

/**
 * True when `test` holds for one of the blocks. A loop rather than `blocks.some`: it runs for every
 * heading before V8 optimises it, and an unoptimised builtin calling back into JavaScript is slow.
 */
function anyBlock(blocks: Block[], test: (block: Block) => boolean): boolean {
  for (let index = 0; index < blocks.length; index++) if (test(blocks[index] as Block)) return true;
  return false;
}

function isEdge(block: Block): boolean {
  return block.token.type === 'hr' || block.token.type === 'space';
}

function isNoiseBlock(block: Block): boolean {
  return isNoise(block.token);
}

function isNoise(token: Token): boolean {
  if (token.type === 'html') return isCommentOnly(token.raw) || isBackToTop(token.raw) || LINE_BREAKS_ONLY.test(token.raw);
  if (token.type === 'paragraph') return isBackToTop(token.text);
  return false;
}

/** `<br/>` lines that separate questions. */
const LINE_BREAKS_ONLY = /^\s*(?:<br\s*\/?>\s*)+$/iu;

/** What notes write where an answer is still to come: `Answer here`, `TODO`, `待补充`. */
const PLACEHOLDER = /^(?:answer here|todo|tbd|tba|to ?do|coming soon|wip|n\/a|\.{3}|…|待补充|待完善|待更新|未完待续|暂无|略)[.。!！]*$/iu;

/** True for a paragraph that only holds the place of an answer still to be written. */
function isPlaceholder(paragraph: Tokens.Paragraph): boolean {
  return paragraph.text.length < 30 && PLACEHOLDER.test(withoutAnswerLabel(paragraph.text.trim()));
}

/** Longer than any "back to top" line; longer text is not matched against WRAPPER, which is slow on long runs of `*`. */
const BACK_TO_TOP_MAX = 500;

/** A line that only links back up the page (`[⬆ back to top](#toc)`), maybe in bold or a `<p align>`; such a link has a `#`, most paragraphs none. */
function isBackToTop(text: string): boolean {
  if (text.length > BACK_TO_TOP_MAX || !text.includes('#')) return false;
  const link = text.trim().replace(WRAPPER, '').trim();
  return ANCHOR_LINK_ONLY.test(link) && BACK_TO_TOP.test(link);
}

/**
 * Notes often indent a list with a tab right under a heading; CommonMark reads that as code.
 * When the first block is such an indented "code" block and every line of it is a list item,
 * it is lexed again, unindented, as the list it is.
 */
function readIndentedListAsList(blocks: Block[]): Block[] {
  const firstIndex = blocks.findIndex(isContent);
  const first = blocks[firstIndex];
  if (!first || !isIndentedList(first.token)) return blocks;
  const text = (first.token as Tokens.Code).text;
  const relexed = lexBlockTokens(text.endsWith('\n') ? text : `${text}\n`);
  const replaced = relexed.map((token) => ({ token, line: first.line }));
  return [...blocks.slice(0, firstIndex), ...replaced, ...blocks.slice(firstIndex + 1)];
}

function isContent(block: Block): boolean {
  return block.token.type !== 'space';
}

function isIndentedList(token: Token): boolean {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle !== 'indented') return false;
  const lines = (token as Tokens.Code).text.split('\n').filter((line) => line.trim() !== '');
  const [firstLine] = lines;
  return firstLine !== undefined && LIST_ITEM.test(firstLine) && lines.every((line) => LIST_ITEM.test(line) || /^\s/u.test(line));
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s/u;

/** Why a heading's own blocks make no answer: nothing at all, or only lists that are not answers. */
export type Emptiness = 'empty' | 'question-list' | 'link-list' | undefined;

/**
 * Tells whether blocks hold an answer. Lists of links (tables of contents, references) do not;
 * nor, under a heading that is not itself a question, do lists of questions (a question bank
 * to study from, with no answers). Under a question, a list of questions is an answer, and so
 * are links to other pages (in-page links never are).
 */
export function emptiness(blocks: Block[], underQuestion: boolean): Emptiness {
  let content = 0;
  let prose = 0;
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'space' || isNoise(token) || (token.type === 'paragraph' && isPlaceholder(token as Tokens.Paragraph))) continue;
    content++;
    if (token.type === 'list') prose += (token as Tokens.List).items.length;
    else if (token.type === 'paragraph') prose++;
    else if (token.type !== 'code') return undefined;
  }
  if (content === 0) return 'empty';
  if (prose > 0 && everyProse(blocks, isLinkOnly) && !(underQuestion && !everyProse(blocks, isInPageLink))) return 'link-list';
  if (underQuestion || prose < 2) return undefined;
  let questions = 0;
  everyProse(blocks, (text) => {
    if (looksLikeQuestion(firstLine(text))) questions++;
    return true;
  });
  return questions * 3 >= prose * 2 ? 'question-list' : undefined;
}

/**
 * True when `test` holds for the text of every paragraph and list item among the blocks (noise
 * left out). It stops at the first text that fails: most answers fail on their first. Its loops
 * index their arrays, as unoptimised `for…of` allocates an iterator result per step.
 */
function everyProse(blocks: Block[], test: (text: string) => boolean): boolean {
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'list') {
      const { items } = token as Tokens.List;
      for (let item = 0; item < items.length; item++) if (!test((items[item] as Tokens.ListItem).text)) return false;
    } else if (token.type === 'paragraph' && !isNoise(token) && !test(token.text)) {
      return false;
    }
  }
  return true;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).trim();
}

/** True when the text's first line is only a link (or an autolink or a tag); one with brackets in its text is tried only after a plain one. */
function isLinkOnly(text: string): boolean {
  if (!MAY_START_LINK.test(text)) return false;
  const line = firstLine(text);
  return PLAIN_LINK_ONLY.test(line) || (line.indexOf('[', 1) !== -1 && LINK_ONLY.test(line));
}

/** True when the text's first line starts with a link to a place in this page (`#…`), not to another page. */
function isInPageLink(text: string): boolean {
  return IN_PAGE_LINK.test(firstLine(text));
}

/** What a text starts with when its first line, trimmed, may start with a link (`[`) or a tag (`<`): most do not, and are not cut into lines. */
const MAY_START_LINK = /^[\s[<]/u;
const PLAIN_LINK_ONLY = /^(?:\[[^\]]*\]\([^)]*\)|<[^>]+>)\s*[.,;:，；：。]?$/u;
/** A link's text may hold brackets of its own, one level deep: ``[`[Doc]` Net](#net)``. */
const LINK_ONLY = /^(?:\[(?:[^[\]]|\[[^\]]*\])*\]\([^)]*\)|<[^>]+>)\s*[.,;:，；：。]?$/u;
const IN_PAGE_LINK = /^\[(?:[^[\]]|\[[^\]]*\])*\]\(#|^<a\s[^>]*href=["']#/iu;

/**
 * True when a section's own text only introduces what follows: it ends by leading into a list
 * (`常见的 RPC 方式:` and a few short items) or into the questions below (a last line ending in a
 * colon), or it is one paragraph that points elsewhere with a link (`…推荐阅读[《TCP/IP 详解》](…)`),
 * maybe with a list of links. Such text is the section's, not a card.
 */
export function isIntroduction(blocks: Block[]): boolean {
  if (LEADS_IN.test(markdownOf(blocks))) return true;
  let paragraphs = 0;
  let linked = 0;
  const onlyLinks = everyProse(blocks, (text) => {
    if (isLinkOnly(text)) return true;
    paragraphs++;
    if (HAS_LINK.test(text)) linked++;
    return paragraphs === 1;
  });
  return onlyLinks && linked === 1;
}

/** A colon ending the text, or ending a line followed only by short list items. */
const LEADS_IN = /[:：][*_]*[ \t]*(?:\n[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+[^\n]{0,60})?[ \t]*)*$/u;
const HAS_LINK = /\[[^\]]*\]\([^)]*\)|<a\s[^>]*href=|https?:\/\//iu;

/** A `<details><summary>…</summary>…</details>` block: its summary and the Markdown inside. */
export interface DetailsBlock {
  summary: string;
  body: string;
  line: number;
}

/** Blocks split around `<details>` blocks: what comes before the first, each block, and what follows the last. */
export interface DetailsSplit {
  before: Block[];
  details: DetailsBlock[];
  after: Block[];
}

const DETAILS_OPEN = /<details\b[^>]*>/iu;
const DETAILS_CLOSE = /<\/details\s*>/iu;
const SUMMARY = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/iu;
const SUMMARY_CLOSE = /<\/summary\s*>/iu;

/** Finds the `<details>` blocks among top-level blocks; `details` is empty when there are none (and `before` is `blocks` itself). */
export function splitDetails(blocks: Block[]): DetailsSplit {
  const details: DetailsBlock[] = [];
  const after: Block[] = [];
  if (!anyBlock(blocks, mayOpenDetails)) return { before: blocks, details, after };
  const before: Block[] = [];
  let open: OpenDetails | undefined;
  for (const block of blocks) {
    const raw = block.token.raw;
    if (!open && mayOpenDetails(block) && DETAILS_OPEN.test(raw)) {
      const start = DETAILS_OPEN.exec(raw)?.index ?? 0;
      open = new OpenDetails(block.line + newlinesIn(raw.slice(0, start)));
      open.add(raw.slice(start));
    } else if (open) {
      open.add(raw);
    } else {
      (details.length === 0 ? before : after).push(block);
      continue;
    }
    if (open.closed) {
      details.push(detailsBlock(open.html(), open.line));
      open = reopened(raw, block.line);
    }
  }
  if (open) details.push(detailsBlock(open.html(), open.line));
  return { before, details, after };
}

/** A `<details>` block opened after the one that closes in the same HTML block (`</details>` and `<details>` on the next line), or undefined. */
function reopened(raw: string, line: number): OpenDetails | undefined {
  if (!DETAILS_OPEN.test(raw.slice(raw.toLowerCase().lastIndexOf('</details')))) return undefined;
  const closes = [...raw.matchAll(DETAILS_CLOSES)];
  const lastClose = closes.at(-1);
  if (lastClose === undefined) return undefined;
  const from = lastClose.index + lastClose[0].length;
  const start = raw.slice(from).search(DETAILS_OPEN);
  if (start === -1) return undefined;
  const open = new OpenDetails(line + newlinesIn(raw.slice(0, from + start)));
  open.add(raw.slice(from + start));
  return open;
}

const DETAILS_CLOSES = /<\/details\s*>/giu;

/**
 * True for a block that may open a `<details>` block: HTML, or a paragraph holding the tag, as a
 * line that starts with an inline tag does (`<b><details><summary>1. …</summary></b>`).
 */
function mayOpenDetails(block: Block): boolean {
  const { type, raw } = block.token;
  return type === 'html' || (type === 'paragraph' && startsWithTag(raw) && raw.includes('<details'));
}

/** True when a block's first line starts with `<` after up to three spaces: only then may a paragraph open `<details>`. */
function startsWithTag(raw: string): boolean {
  let index = 0;
  while (index < 3 && raw.charCodeAt(index) === SPACE) index++;
  return raw.charCodeAt(index) === LESS_THAN;
}

const SPACE = 0x20;
const LESS_THAN = 0x3c;

/** The start of a closing tag that the next block's text could finish: `<`, `</det`, `</details` and blanks. */
const CLOSING_TAG_START = /^<(?:\/(?:d(?:e(?:t(?:a(?:i(?:l(?:s\s*)?)?)?)?)?)?)?)?$/iu;

/**
 * A `<details>` block being read, block by block, until its closing tag. The tag is looked for
 * only in the text just added and in an unfinished tag right before it (blank lines inside the
 * tag, `</details` and `>`, split it across blocks), not in all the text so far: after an
 * unclosed `<details>`, that took time in the square of the blocks that follow.
 */
class OpenDetails {
  readonly #parts: string[] = [];
  /** The text so far from its last `<`, while that could be the start of the closing tag; '' otherwise. */
  #tagStart = '';
  closed = false;

  constructor(readonly line: number) {}

  add(text: string): void {
    this.#parts.push(text);
    this.closed = DETAILS_CLOSE.test(this.#tagStart + text);
    const tail = text.includes('<') ? text.slice(text.lastIndexOf('<')) : this.#tagStart + text;
    this.#tagStart = CLOSING_TAG_START.test(tail) ? tail : '';
  }

  /** The block's text so far. */
  html(): string {
    return this.#parts.join('');
  }
}

function newlinesIn(text: string): number {
  return text.split('\n').length - 1;
}

function detailsBlock(html: string, line: number): DetailsBlock {
  const inner = html.replace(DETAILS_OPEN, '').split(DETAILS_CLOSE)[0] ?? '';
  // Without a closing tag SUMMARY would scan to the end from every `<summary`.
  const closed = SUMMARY_CLOSE.test(inner);
  const summary = closed ? summaryQuestion(SUMMARY.exec(inner)?.[1] ?? '') : '';
  return { summary, body: unwrapParagraph((closed ? inner.replace(SUMMARY, '') : inner).trim().replace(STRAY_CLOSING_TAGS, '')), line };
}

/** An element marking a question's level or kind (`<span class="level-tag">Beginner …</span>`): a label, not the question. */
const LABEL_ELEMENT = /<(span|div|sup|small)\b[^>]*\bclass=["'][^"']*\b(?:level|tag|badge|label|difficulty)[^"']*["'][^>]*>/iu;

/**
 * The question a summary asks, as Markdown: its first line (a heading's text, say) without tags
 * or outline number, then any code or text below it (`<summary><h3>1. Guess the output?</h3>` and
 * a fenced snippet: the snippet is part of the question, and tells apart questions worded alike).
 */
function summaryQuestion(html: string): string {
  const text = dedentLines(withoutLabelElements(html).replace(HTML_TAG, '')).trim();
  const end = text.indexOf('\n');
  const title = splitOutlineNumber((end === -1 ? text : text.slice(0, end)).trim()).text;
  const rest = end === -1 ? '' : text.slice(end + 1).trim();
  return rest === '' ? title : `${title}\n\n${rest}`;
}

/** HTML without its label elements and what they hold, nested elements of the same tag included. */
function withoutLabelElements(html: string): string {
  let text = html;
  for (let found = LABEL_ELEMENT.exec(text); found; found = LABEL_ELEMENT.exec(text)) {
    const end = closingTagEnd(text, found[1] ?? 'span', found.index + found[0].length);
    text = text.slice(0, found.index) + text.slice(end);
  }
  return text;
}

/** Where the tag that closes an element opened just before `from` ends, counting nested ones; the text's end without one. */
function closingTagEnd(text: string, tag: string, from: number): number {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'giu');
  tags.lastIndex = from;
  let depth = 1;
  for (let found = tags.exec(text); found; found = tags.exec(text)) {
    depth += found[1] ? -1 : 1;
    if (depth === 0) return found.index + found[0].length;
  }
  return text.length;
}

/** Lines with the indentation they share removed (a summary's HTML is often indented, its code fences not). */
function dedentLines(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return '';
  const indent = /^[ \t]*/u.exec(lines[first] ?? '')?.[0] ?? '';
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
}

/** Inline tags closed right after the summary, whose opening came before `<details>` (`<b><details><summary>…</summary></b>`). */
const STRAY_CLOSING_TAGS = /^(?:<\/(?:b|strong|em|i|span)\s*>\s*)+/iu;

/** The content of a `<p>` … `</p>` pair that wraps a whole details body on lines of their own. */
function unwrapParagraph(body: string): string {
  const wrapped = /^<p>[ \t]*\n([\s\S]*)\n[ \t]*<\/p>$/iu.exec(body);
  return wrapped?.[1]?.trim() ?? body;
}

/** The Markdown source of blocks without blank lines at either end; the first line keeps its indentation (indented code needs it). */
export function markdownOf(blocks: Block[]): string {
  const markdown = lexedSlice(blocks) ?? joinedRaw(blocks);
  const blankLines = MAY_START_BLANK.test(markdown) ? (LEADING_BLANK_LINES.exec(markdown)?.[0].length ?? 0) : 0;
  return markdown.slice(blankLines).trimEnd();
}

/**
 * The blocks' text as a slice of the Markdown they were lexed from, when they follow one another
 * there; undefined otherwise. Slices share the note's text, where a joined copy of every answer
 * was as large as the notes and outlived the young generation (a first load of notes-L: three
 * scavenges of 19, about 500 page faults).
 */
function lexedSlice(blocks: Block[]): string | undefined {
  const first = blocks[0];
  const lexed = first?.lexed;
  if (lexed === undefined || first?.start === undefined) return undefined;
  let end = first.start;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (block.lexed !== lexed || block.start !== end) return undefined;
    end += block.token.raw.length;
  }
  return lexed.slice(first.start, end);
}

function joinedRaw(blocks: Block[]): string {
  let markdown = '';
  for (let index = 0; index < blocks.length; index++) markdown += (blocks[index] as Block).token.raw;
  return markdown;
}

/** What Markdown starts with when it may start with a blank line; most starts with text, and is not rewritten. */
const MAY_START_BLANK = /^[ \t\n]/u;
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/u;
