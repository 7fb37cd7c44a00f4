import type { Token, Tokens } from 'marked';
import { HTML_TAG, removeComments } from './html.js';
import { lexBlockTokens } from './lex.js';
import { isOutlineParent, splitOutlineNumber, startsWithBlankNumber, type OutlineNumber } from './numbering.js';
import { isFacet } from './questions.js';

/** A top-level Markdown token and the 1-based line it starts on. */
export interface Block {
  token: Token;
  line: number;
  /**
   * The Markdown the block was lexed from, and where in it the token's raw text starts, when the
   * raw text is there as it is: the text of blocks that follow one another is then a slice of
   * the note rather than a copy (see `markdownOf`).
   */
  lexed?: string;
  start?: number;
  /** How a prompt other than a Markdown heading was written, when this heading block was made from one. */
  prompt?: PromptOrigin;
}

/**
 * The level of prompts that are not headings (prompt-blocks.ts): deeper than any Markdown
 * heading, so that the heading above them is their section.
 */
export const PROMPT_LEVEL = 7;

/** The ways a prompt is written besides a Markdown heading of its own line. */
export type PromptOrigin = 'heading in a list item' | 'bold line' | 'Q: label' | 'question in a list item' | 'block quote';

/** A heading with the blocks under it (up to the next heading) and its sub-headings. */
export interface HeadingNode {
  level: number;
  line: number;
  /** The heading line's Markdown source. */
  raw: string;
  /** The heading as written, inline HTML removed. */
  heading: string;
  /** The heading without outline number, decoration or inline HTML. */
  title: string;
  number?: OutlineNumber;
  /** An id written in the note as `<!-- id: … -->`, on the heading line or in a comment right under it. */
  explicitId?: string;
  /** How the prompt was written, when not as a Markdown heading. */
  prompt?: PromptOrigin;
  body: Block[];
  children: HeadingNode[];
}

/** A note's Markdown as a tree of headings; `preamble` is what comes before the first one. */
export interface Outline {
  preamble: Block[];
  roots: HeadingNode[];
}

const EXPLICIT_ID = /<!--\s*id:\s*([\w.-]+)\s*-->/u;

/** Reads an explicit card id comment (`<!-- id: redis-sync -->`) out of Markdown text. */
export function explicitIdIn(text: string): string | undefined {
  return text.includes('<!--') ? EXPLICIT_ID.exec(text)?.[1] : undefined;
}

/** Lexes Markdown into top-level blocks, each with its line (the body starts at `firstLine`). */
export function lexBlocks(markdown: string, firstLine: number): Block[] {
  const blocks: Block[] = [];
  let line = firstLine;
  let start = 0;
  for (const token of lexBlockTokens(markdown)) {
    blocks.push({ token, line: line + leadingNewlines(token.raw), lexed: markdown, start });
    start += token.raw.length;
    line += countNewlines(token.raw);
  }
  // The lexer takes each raw text off the Markdown in turn, so they follow one another there, unless
  // marked's merging of two blocks put a line break between them: then no position is known.
  if (start !== markdown.length) {
    for (const block of blocks) {
      block.lexed = undefined;
      block.start = undefined;
    }
  }
  return blocks;
}

/**
 * Builds the heading tree. Where outline numbers and heading levels disagree the numbers
 * win: `### 十一` after `## 十` is its sibling, `### 12.1` belongs under `### 十二`.
 * Headings inside a `<details>` block belong to its content, not to the outline.
 */
export function buildOutline(blocks: Block[]): Outline {
  const preamble: Block[] = [];
  const roots: HeadingNode[] = [];
  const open: HeadingNode[] = [];
  const inDetails = insideDetails(blocks);
  const blankNumbers = numbersWithBlanks(blocks);
  let previous: HeadingNode | undefined;
  // Indexed, as unoptimised `for…of` allocates an iterator result per block.
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (block.token.type !== 'heading' || inDetails.has(block)) {
      const current = open.at(-1);
      if (current) addToBody(current, block);
      else preamble.push(block);
      continue;
    }
    const node = headingNode(block.token as Tokens.Heading, block.line, blankNumbers, block.prompt);
    if (previous && outranksNumbered(previous, node) && partOfAnswerAbove(previous, node, () => nextHeadingAfterText(blocks, index, inDetails, blankNumbers))) {
      node.level = previous.level + 1;
    }
    previous = node;
    closeUntilParent(open, node);
    const parent = open.at(-1);
    (parent ? parent.children : roots).push(node);
    open.push(node);
  }
  return { preamble, roots };
}

const DETAILS_TAG = /<(\/?)details\b[^>]*>/giu;

/**
 * The blocks inside a closed `<details>` block. Markdown ends an HTML block at a blank line, so
 * a `#### Answer` line inside `<details>` lexes as a heading; it is not one of the note's. An
 * unclosed `<details>` hides nothing.
 */
function insideDetails(blocks: Block[]): Set<Block> {
  const inside = new Set<Block>();
  let depth = 0;
  let pending: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (depth > 0) pending.push(block);
    if (block.token.type !== 'html') continue;
    DETAILS_TAG.lastIndex = 0;
    for (let tag = DETAILS_TAG.exec(block.token.raw); tag; tag = DETAILS_TAG.exec(block.token.raw)) {
      depth = tag[1] ? Math.max(0, depth - 1) : depth + 1;
      if (depth === 0) {
        for (const hidden of pending) inside.add(hidden);
        pending = [];
      }
    }
  }
  return inside;
}

/** Adds a block under a heading; an id comment that comes first under it is the heading's id. */
function addToBody(node: HeadingNode, block: Block): void {
  if (node.explicitId === undefined && block.token.type === 'html' && node.body.every((earlier) => earlier.token.type === 'space')) {
    const id = explicitIdIn(block.token.raw);
    if (id !== undefined) node.explicitId = id;
  }
  node.body.push(block);
}

/** True for a heading of the note's outline: one inside a `<details>` block is its content. */
function isOutlineHeading(block: Block, inDetails: Set<Block>): boolean {
  return block.token.type === 'heading' && !inDetails.has(block);
}

/**
 * The outline heading after the block at `index`, read as a node, when text comes between them:
 * undefined when none does (a section's title right over its first question) or there is none.
 */
function nextHeadingAfterText(blocks: Block[], index: number, inDetails: Set<Block>, blankNumbers: boolean): HeadingNode | undefined {
  let text = false;
  for (let after = index + 1; after < blocks.length; after++) {
    const block = blocks[after] as Block;
    if (isOutlineHeading(block, inDetails)) return text ? headingNode(block.token as Tokens.Heading, block.line, blankNumbers, block.prompt) : undefined;
    text ||= block.token.type !== 'space';
  }
  return undefined;
}

/** True when a heading without a number outranks the numbered heading before it: few do, and only they are looked at further. */
function outranksNumbered(question: HeadingNode, node: HeadingNode): boolean {
  return node.level < question.level && question.number !== undefined && node.number === undefined;
}

/**
 * True when a heading that outranks the numbered question above it is part of that question's
 * answer (`## Example` between `### 1.` and `### 2.`, `#### 答案` right under `###### 3.`): it has
 * no number of its own, and it names a part of an answer or has text of its own after which the
 * question's numbering carries on (a section's title over the next questions has none). The next
 * heading is read only for such a heading: few are.
 */
function partOfAnswerAbove(question: HeadingNode, node: HeadingNode, following: () => HeadingNode | undefined): boolean {
  if (!question.number) return false;
  if (isFacet(node.title)) return true;
  const next = following();
  return next !== undefined && next.level === question.level && next.number !== undefined && followsInSeries(question.number, next.number);
}

/** True when two or more headings start with a Chinese numeral and a blank (`# 一 …`): the note numbers its headings so. */
function numbersWithBlanks(blocks: Block[]): boolean {
  let count = 0;
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'heading' && startsWithBlankNumber((token as Tokens.Heading).text) && ++count >= 2) return true;
  }
  return false;
}

function headingNode(token: Tokens.Heading, line: number, blankNumbers: boolean, prompt: PromptOrigin | undefined): HeadingNode {
  const heading = stripInlineHtml(token.text);
  const { number, text } = splitOutlineNumber(heading, blankNumbers);
  const explicitId = explicitIdIn(token.text);
  const body: Block[] = [];
  const children: HeadingNode[] = [];
  // Every node has every field, `number` and `explicitId` undefined where there are none: one shape for all.
  return { level: token.depth, line, raw: token.raw, heading, title: text, number, explicitId, prompt, body, children };
}

/**
 * Closes the open headings that cannot hold `node`. A closed heading at `node`'s level whose
 * number `node` continues (`### 1.` then `### 2.`) is its sibling: what holds one holds the other.
 */
function closeUntilParent(open: HeadingNode[], node: HeadingNode): void {
  for (let top = open.at(-1); top && !canContain(top, node); top = open.at(-1)) {
    open.pop();
    if (top.level === node.level && top.number && node.number && followsInSeries(top.number, node.number)) return;
  }
}

function canContain(parent: HeadingNode, child: HeadingNode): boolean {
  if (parent.number && child.number) {
    if (isOutlineParent(parent.number, child.number)) return true;
    if (child.number.numbers.length > 1) return false;
    if (continuesNumbering(parent.number, child.number)) return false;
  }
  return parent.level < child.level;
}

/** True when a single number continues another's count: `十一` after `十`. */
function continuesNumbering(earlier: OutlineNumber, later: OutlineNumber): boolean {
  return earlier.numbers.length === 1 && followsInSeries(earlier, later);
}

/** True when `later` comes after `earlier` in one series: `2.` after `1.`, `4.2` after `4.1`, `十一` after `十`. */
function followsInSeries(earlier: OutlineNumber, later: OutlineNumber): boolean {
  const { numbers: before } = earlier;
  const { numbers: after } = later;
  if (earlier.scheme !== later.scheme || before.length !== after.length) return false;
  const last = before.length - 1;
  for (let index = 0; index < last; index++) if (after[index] !== before[index]) return false;
  return last < 0 || (after[last] ?? -1) > (before[last] ?? -1);
}

function stripInlineHtml(text: string): string {
  return text.includes('<') ? removeComments(text).replace(HTML_TAG, '').trim() : text.trim();
}

/** How many line breaks text holds. */
export function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function leadingNewlines(text: string): number {
  let count = 0;
  while (text.charCodeAt(count) === NEWLINE) count++;
  return count;
}

const NEWLINE = 0x0a;
