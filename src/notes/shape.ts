import type { Tokens } from 'marked';
import type { Block } from './outline.js';
import type { PromptKind } from './prompt-kind.js';
import { boldQuestion, labelledQuestion } from './prompts.js';
import { looksLikeQuestion } from './questions.js';

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
  /** Bold lines that ask, under headings that do not (or before any heading). */
  bold: number;
  labelled: number;
  listHeadings: number;
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
  return { bold, labelled, listHeadings, askingItems: labelled || listHeadings, quotes: !bold && !labelled };
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

function countPrompts(blocks: Block[]): PromptCounts {
  const counts: PromptCounts = { askingHeadings: 0, bold: 0, labelled: 0, listHeadings: 0 };
  let underQuestion = false;
  for (let index = 0; index < blocks.length; index++) {
    const { token } = blocks[index] as Block;
    if (token.type === 'heading') {
      underQuestion = looksLikeQuestion((token as Tokens.Heading).text);
      if (underQuestion) counts.askingHeadings++;
    } else if (token.type === 'paragraph') countText(counts, (token as Tokens.Paragraph).text, underQuestion);
    else if (token.type === 'list') countItems(counts, token.raw, underQuestion);
  }
  return counts;
}

function countText(counts: PromptCounts, text: string, underQuestion: boolean): void {
  if (labelledQuestion(text) !== undefined) counts.labelled++;
  else if (!underQuestion && asksInBold(text)) counts.bold++;
}

/** Every item of a list and of the lists nested in it, found by its first line. */
function countItems(counts: PromptCounts, raw: string, underQuestion: boolean): void {
  ITEM_LINE.lastIndex = 0;
  for (let match = ITEM_LINE.exec(raw); match; match = ITEM_LINE.exec(raw)) {
    const text = match[1] ?? '';
    if (HEADING_START.test(text)) counts.listHeadings++;
    else countText(counts, text, underQuestion);
  }
}

/** True when text's first line is bold and asks: in words, or with a question mark (`… at k? ⭐️`). */
export function asksInBold(text: string): boolean {
  const question = boldQuestion(text);
  return question !== undefined && (looksLikeQuestion(question) || /[?？]/u.test(question));
}
