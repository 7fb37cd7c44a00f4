import { Lexer, type Token, type Tokens } from 'marked';
import { isOutlineParent, splitOutlineNumber, type OutlineNumber } from './numbering.js';

/** A top-level Markdown token and the 1-based line it starts on. */
export interface Block {
  token: Token;
  line: number;
}

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
  /** An id written in the note as `<!-- id: … -->`. */
  explicitId?: string;
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
  return EXPLICIT_ID.exec(text)?.[1];
}

/** Lexes Markdown into top-level blocks, each with its line (the body starts at `firstLine`). */
export function lexBlocks(markdown: string, firstLine: number): Block[] {
  const blocks: Block[] = [];
  let line = firstLine;
  for (const token of new Lexer().lex(markdown)) {
    blocks.push({ token, line: line + leadingNewlines(token.raw) });
    line += countNewlines(token.raw);
  }
  return blocks;
}

/**
 * Builds the heading tree. Where outline numbers and heading levels disagree the numbers
 * win: `### 十一` after `## 十` is its sibling, `### 12.1` belongs under `### 十二`.
 */
export function buildOutline(blocks: Block[]): Outline {
  const preamble: Block[] = [];
  const roots: HeadingNode[] = [];
  const open: HeadingNode[] = [];
  for (const block of blocks) {
    if (block.token.type !== 'heading') {
      const current = open.at(-1);
      (current ? current.body : preamble).push(block);
      continue;
    }
    const node = headingNode(block.token as Tokens.Heading, block.line);
    while (open.length > 0 && !canContain(open.at(-1) as HeadingNode, node)) open.pop();
    const parent = open.at(-1);
    (parent ? parent.children : roots).push(node);
    open.push(node);
  }
  return { preamble, roots };
}

function headingNode(token: Tokens.Heading, line: number): HeadingNode {
  const heading = stripInlineHtml(token.text);
  const { number, text } = splitOutlineNumber(heading);
  const explicitId = explicitIdIn(token.text);
  return {
    level: token.depth,
    line,
    raw: token.raw,
    heading,
    title: text,
    ...(number ? { number } : {}),
    ...(explicitId ? { explicitId } : {}),
    body: [],
    children: [],
  };
}

function canContain(parent: HeadingNode, child: HeadingNode): boolean {
  if (parent.number && child.number) {
    if (isOutlineParent(parent.number, child.number)) return true;
    if (child.number.numbers.length > 1) return false;
    if (continuesNumbering(parent.number, child.number)) return false;
  }
  return parent.level < child.level;
}

function continuesNumbering(earlier: OutlineNumber, later: OutlineNumber): boolean {
  const [before] = earlier.numbers;
  const [after] = later.numbers;
  return (
    earlier.scheme === later.scheme &&
    earlier.numbers.length === 1 &&
    before !== undefined &&
    after !== undefined &&
    after > before
  );
}

function stripInlineHtml(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/gu, '').replace(/<\/?[A-Za-z][^>]*>/gu, '').trim();
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function leadingNewlines(text: string): number {
  return /^\n*/u.exec(text)?.[0].length ?? 0;
}
