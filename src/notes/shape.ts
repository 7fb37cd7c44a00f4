import type { Tokens } from 'marked';
import { anyYields, factsFor, isNoteHeading, type OutlineFacts } from './facts.js';
import type { Block, HeadingNode } from './outline.js';
import type { PromptKind } from './prompt-kind.js';
import { boldQuestion, endsAsking, labelledQuestion } from './prompts.js';
import { isFacet, looksLikeQuestion, namesCollection, setsTask } from './questions.js';
import { isIntroduction } from './blocks.js';

/**
 * Which prompts other than headings hold a note's questions: decided once per file, from
 * counts of each kind, unless the front matter's `cards:` names the kind.
 */
export interface PromptShape {
  /** Whole bold lines and bold list items that ask: `**What is the GIL?**`. */
  bold: boolean;
  /** `Q:` / `Question:` / `问：` / `Q1)` paragraphs and list items. */
  labelled: boolean;
  /** Headings written inside list items: `- ## Pod`, `1. ### What is a closure?`. */
  listHeadings: boolean;
  /** Plain list items that ask, with their answer nested under them: `- What is Kubernetes?`. */
  askingItems: boolean;
  /** Block quotes that ask, followed by their answer, inside heading notes. */
  quotes: boolean;
}

/** How many prompts of each kind a note has. */
interface PromptCounts {
  /** Headings that ask: where bold lines under them ask too, they are parts of those answers. */
  askingHeadings: number;
  /** Bold lines that ask, under headings that do not (or before any heading); counted only where there are any. */
  bold: number;
  labelled: number;
  listHeadings: number;
  /** Block quotes, any (in list items too): a note without one needs no looking for quotes that ask. */
  quotes: number;
}

/** Fewer prompts of a kind than this are a coincidence, not how the note is written. */
const MIN_PROMPTS = 2;

/** The prompt kinds a note's blocks are read with; `forced` is the front matter's `cards:`. */
export function decideShape(blocks: Block[], forced?: PromptKind): PromptShape {
  if (forced !== undefined) return forcedShape(forced);
  const counts = countPrompts(blocks);
  const labelled = counts.labelled >= MIN_PROMPTS;
  const listHeadings = counts.listHeadings >= MIN_PROMPTS;
  const bold = !labelled && counts.bold >= MIN_PROMPTS && counts.bold >= counts.askingHeadings;
  return { bold, labelled, listHeadings, askingItems: labelled || listHeadings, quotes: !bold && !labelled && counts.quotes > 0 };
}

const NO_PROMPTS: PromptShape = { bold: false, labelled: false, listHeadings: false, askingItems: false, quotes: false };

function forcedShape(kind: PromptKind): PromptShape {
  switch (kind) {
    case 'bold': return { ...NO_PROMPTS, bold: true };
    case 'qa': return { ...NO_PROMPTS, labelled: true, askingItems: true };
    case 'list-headings': return { ...NO_PROMPTS, listHeadings: true, askingItems: true };
    case 'headings':
    case 'details':
    case 'file':
      return NO_PROMPTS;
  }
}

/** True when a shape reads any prompt besides headings and `<details>` blocks. */
export function readsOtherPrompts(shape: PromptShape): boolean {
  return shape.bold || shape.labelled || shape.listHeadings || shape.askingItems || shape.quotes;
}

/** A list item's first line: its bullet or number, then the text. */
const ITEM_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/gmu;

const HEADING_START = /^#{1,6}[ \t]/u;
/** A block quote's line, in a list item. */
const QUOTE_LINE = /^[ \t]*>/mu;

/**
 * Counts the prompts of each kind. Whether the heading above a bold line asks is worked out only
 * for headings with a bold line under them: most notes have none, and this runs on every note.
 */
function countPrompts(blocks: Block[]): PromptCounts {
  const counts: PromptCounts = { askingHeadings: 0, bold: 0, labelled: 0, listHeadings: 0, quotes: 0 };
  const boldUnder = new Set<Tokens.Heading | undefined>();
  let heading: Tokens.Heading | undefined;
  const countText = (text: string): void => {
    if (mayBeLabelled(text) && labelledQuestion(text) !== undefined) counts.labelled++;
    else if (mayBeBold(text) && asksInBold(text)) boldUnder.add(heading);
  };
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'heading') heading = token as Tokens.Heading;
    else if (token.type === 'paragraph') countText((token as Tokens.Paragraph).text);
    else if (token.type === 'list') {
      if (mayHoldItemPrompt(token.raw)) countItems(counts, token.raw, countText);
      if (token.raw.includes('>') && QUOTE_LINE.test(token.raw)) counts.quotes++;
    } else if (token.type === 'blockquote') counts.quotes++;
  }
  if (boldUnder.size > 0) countBold(counts, blocks, boldUnder);
  return counts;
}

/** Counts the bold questions under headings that do not ask, and the headings that do. */
function countBold(counts: PromptCounts, blocks: Block[], boldUnder: Set<Tokens.Heading | undefined>): void {
  let heading: Tokens.Heading | undefined;
  let asks = false;
  let counted = false;
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'heading') {
      heading = token as Tokens.Heading;
      asks = looksLikeQuestion(heading.text);
      counted = false;
      if (asks) counts.askingHeadings++;
    } else if (!asks && !counted && boldUnder.has(heading)) {
      counted = true;
      counts.bold += countBoldUnder(blocks, index);
    }
  }
}

/** The bold questions from a block to the next heading. */
function countBoldUnder(blocks: Block[], from: number): number {
  let bold = 0;
  for (let index = from; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'heading') break;
    if (token.type === 'paragraph' && mayBeBold((token as Tokens.Paragraph).text) && asksInBold((token as Tokens.Paragraph).text)) bold++;
    else if (token.type === 'list' && mayHoldItemPrompt(token.raw)) {
      ITEM_LINE.lastIndex = 0;
      for (let match = ITEM_LINE.exec(token.raw); match; match = ITEM_LINE.exec(token.raw)) if (asksInBold(match[1] ?? '')) bold++;
    }
  }
  return bold;
}

/** Every item of a list and of the lists nested in it, found by its first line. */
function countItems(counts: PromptCounts, raw: string, countText: (text: string) => void): void {
  ITEM_LINE.lastIndex = 0;
  for (let match = ITEM_LINE.exec(raw); match; match = ITEM_LINE.exec(raw)) {
    const text = match[1] ?? '';
    if (HEADING_START.test(text)) counts.listHeadings++;
    else countText(text);
  }
}

/**
 * True when a list's text may hold an item that is a prompt: a heading, bold, or a `Q`/`问` label
 * right after an item's bullet. Each mark is looked for, then what stands before it on its line:
 * a regular expression over every line start of every list cost more than the rest of the guess.
 */
function mayHoldItemPrompt(raw: string): boolean {
  return ITEM_PROMPT_MARKS.some((mark) => followsBulletSomewhere(raw, mark));
}

const ITEM_PROMPT_MARKS = ['#', '**', '__', 'Q', '问'];

function followsBulletSomewhere(raw: string, mark: string): boolean {
  for (let at = raw.indexOf(mark); at !== -1; at = raw.indexOf(mark, at + mark.length)) if (followsBullet(raw, at)) return true;
  return false;
}

/** True when only a list item's bullet (`-`, `*`, `+`, `12.`, `3)`) and blanks stand between the start of its line and `at`. */
function followsBullet(text: string, at: number): boolean {
  let index = at - 1;
  if (!isBlank(text.charCodeAt(index))) return false;
  while (isBlank(text.charCodeAt(index))) index--;
  const bullet = text.charCodeAt(index);
  if (bullet === DOT || bullet === PAREN) {
    const digitsEnd = index;
    while (isDigit(text.charCodeAt(index - 1))) index--;
    if (index === digitsEnd) return false;
  } else if (bullet !== MINUS && bullet !== STAR && bullet !== PLUS) return false;
  index--;
  while (isBlank(text.charCodeAt(index))) index--;
  return index < 0 || text.charCodeAt(index) === NEWLINE;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/** True when text may start with a question label (`Q`, `问`, `-1. Question`): other text is not tried. */
function mayBeLabelled(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === Q || first === LOWER_Q || first === ASK || first === MINUS || (first >= DIGIT_0 && first <= DIGIT_9);
}

/** True when text may start with bold (`**`, `__`). */
function mayBeBold(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === STAR || first === UNDERSCORE;
}

const Q = 0x51;
const LOWER_Q = 0x71;
const ASK = '问'.charCodeAt(0);
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const PLUS = 0x2b;
const DOT = 0x2e;
const PAREN = 0x29;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;

/** True when text's first line is bold and asks: in words, or with a question mark (`… at k? ⭐️`). */
export function asksInBold(text: string): boolean {
  const question = boldQuestion(text);
  return question !== undefined && (looksLikeQuestion(question) || /[?？]/u.test(question));
}

/*
 * The outline's shape: where the questions sit, which headings stand alone as questions or
 * sections and which are parts of an answer, and whether the file is one question.
 */

/** Where a note's questions sit: a heading depth, and whether the front matter set it (`questionLevel`). */
export interface QuestionLevel {
  level: number;
  explicit: boolean;
}

/** The question level the front matter sets, or the one guessed from the outline. */
export function questionLevelOf(roots: HeadingNode[], facts: OutlineFacts, setting: number | undefined): QuestionLevel {
  return setting === undefined ? { level: guessQuestionLevel(roots, facts), explicit: false } : { level: setting, explicit: true };
}

/**
 * The heading depth most headings with an answer sit at: there, sub-headings are parts of an
 * answer. Sub-headings of an answered heading that do not read as questions (`#### Example`)
 * are already parts of its answer and do not count.
 */
function guessQuestionLevel(roots: HeadingNode[], facts: OutlineFacts): number {
  const counts = new Map<number, number>();
  const count = (nodes: HeadingNode[], parentAnswered: boolean): void => {
    for (const node of nodes) {
      const { state, asks } = factsFor(facts, node);
      const answered = state === undefined;
      if (answered && (!parentAnswered || asks)) counts.set(node.level, (counts.get(node.level) ?? 0) + 1);
      count(node.children, answered);
    }
  };
  count(roots, false);
  let best = 6;
  let bestCount = 0;
  for (const [level, count] of counts) {
    if (count > bestCount || (count === bestCount && level > best)) [best, bestCount] = [level, count];
  }
  return best;
}

/**
 * A lone top heading over the whole file is the document's title (its deck's name), not a section, unless it asks
 * a question its sub-headings answer, or the front matter puts questions at its depth.
 */
export function documentBody(roots: HeadingNode[], facts: OutlineFacts, at: QuestionLevel): HeadingNode[] {
  const [only] = roots;
  if (roots.length !== 1 || !only || only.children.length === 0 || isQuestionLevel(at, only)) return roots;
  const answeredByParts = !only.children.some((child) => standsAlone(facts, at, child)) && anyYields(only.children, facts);
  return answeredByParts && factsFor(facts, only).asks ? roots : only.children;
}

/**
 * The heading that is the file's one question, or undefined: a lone top heading that asks or sets
 * a task (`Design Pastebin.com`, `面试题：…是什么？`) over sub-headings that are facets of its
 * answer (`Step 1: …`, `一、核心挑战 1：…`, `题目描述`), not questions that end asking.
 */
export function oneQuestion(roots: HeadingNode[], facts: OutlineFacts, at: QuestionLevel): HeadingNode | undefined {
  const [only] = roots;
  if (roots.length !== 1 || !only || only.children.length === 0 || !isNoteHeading(only) || at.explicit) return undefined;
  const facets = only.children.filter(isFacetNode).length;
  const task = setsTask(only.title) && facets * 2 >= only.children.length;
  if (!(factsFor(facts, only).asks || task || facets === only.children.length) || namesCollection(only.title)) return undefined;
  let headings = 0;
  let asking = 0;
  const count = (nodes: HeadingNode[]): void => {
    for (const node of nodes) {
      headings++;
      if (endsAsking(node.title)) asking++;
      count(node.children);
    }
  };
  count(only.children);
  return asking * 2 < headings ? only : undefined;
}

/**
 * True when an empty heading divides the questions at its own level (`## Arrays`, `## Part 2.
 * STRINGS`, a document title over `# 一 …`): it is the section of the siblings after it, up to
 * the next such divider. Its body may be a table of contents of what follows.
 */
export function dividesSiblings(facts: OutlineFacts, node: HeadingNode, next: HeadingNode | undefined): boolean {
  if (next === undefined || node.children.length > 0 || next.level !== node.level || !isNoteHeading(node)) return false;
  const { state, asks } = factsFor(facts, node);
  if (asks || (state !== 'empty' && state !== 'link-list')) return false;
  const following = factsFor(facts, next);
  return following.yields && following.asks;
}

/**
 * True when a heading's own text introduces what stands under it rather than answers anything:
 * under a title that names a collection of questions, or before sub-headings when it only leads
 * into them or points elsewhere.
 */
export function introduces(node: HeadingNode, own: Block[], standalone: readonly HeadingNode[]): boolean {
  return namesCollection(node.title) || (standalone.some(isNoteHeading) && isIntroduction(own));
}

function isFacetNode(node: HeadingNode): boolean {
  return isFacet(node.title);
}

/** The sub-headings that stand alone; most headings have none, and share one empty array rather than each filtering its own. */
export function standaloneChildren(facts: OutlineFacts, at: QuestionLevel, node: HeadingNode): readonly HeadingNode[] {
  const { children } = node;
  let standalone: HeadingNode[] | undefined;
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as HeadingNode;
    if (standsAlone(facts, at, child)) (standalone ??= []).push(child);
  }
  return standalone ?? NONE;
}

const NONE: readonly HeadingNode[] = [];

export function isQuestionLevel(at: QuestionLevel, node: HeadingNode): boolean {
  return at.explicit && node.level === at.level;
}

/**
 * A sub-heading stands on its own (a question, or a section of questions) when it sits at or
 * above the question level, or deeper but reads as a question; otherwise it is part of the
 * answer above it (`### JVM vs JDK vs JRE` answered by `#### JVM`, `#### JDK 和 JRE`).
 */
function standsAlone(facts: OutlineFacts, at: QuestionLevel, node: HeadingNode): boolean {
  const { reference, asks, yields } = factsFor(facts, node);
  if (reference || !yields) return false;
  const placed = at.explicit ? node.level <= at.level : node.level <= at.level || asks || node.explicitId !== undefined;
  return placed && !isFacet(node.title);
}
