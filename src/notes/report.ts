import { cleanBlocks, splitDetails, type DetailsSplit, type Emptiness } from './blocks.js';
import { NO_STRUCTURE, type Diagnostic } from './card.js';
import { factsFor, type OutlineFacts } from './facts.js';
import { MAX_MARKERS_ON_A_LINE, MAX_NESTING_COLUMNS } from './nesting.js';
import type { Block, HeadingNode, PromptOrigin } from './outline.js';
import { namesCollection } from './questions.js';

/*
 * What the loader tells of a note besides its cards: how its questions were read, for `prep
 * check`, and diagnostics for what is in no card.
 */

/** What `prep check` calls the cards of each way of writing prompts. */
const READINGS: Record<PromptOrigin, string> = {
  'heading in a list item': 'headings in list items',
  'bold line': 'bold lines',
  'Q: label': 'Q:/A: labels',
  'question in a list item': 'questions in list items',
  'block quote': 'block quotes that ask',
};

/**
 * How many cards each way of writing prompts gave, and the levels of the headings that gave
 * cards: counted for every card, so headings (most cards) are a counter and a bit each.
 */
export class Readings {
  #headings = 0;
  /** Bit `n` set when a heading of level `n` gave a card. */
  #headingLevels = 0;
  readonly #others = new Map<string, number>();

  /** Counts a card of a prompt: a heading at its level, or another way of writing one. */
  countPrompt(node: HeadingNode): void {
    if (node.prompt !== undefined) {
      this.countOther(READINGS[node.prompt]);
      return;
    }
    this.#headings++;
    this.#headingLevels |= 1 << node.level;
  }

  /** Counts a card of a reading that is no heading: `details blocks`. */
  countOther(reading: string): void {
    this.#others.set(reading, (this.#others.get(reading) ?? 0) + 1);
  }

  /** The readings that gave cards, most cards first: "headings at levels 2 and 3 and block quotes that ask". */
  describe(): string {
    const ranked = [...this.#others];
    if (this.#headings > 0) ranked.push([this.#describeHeadings(), this.#headings]);
    ranked.sort((a, b) => b[1] - a[1]);
    return ranked.length === 0 ? 'no prompts with answers' : inWords(ranked.map(([reading]) => reading));
  }

  #describeHeadings(): string {
    const levels: string[] = [];
    for (let level = 1; level <= 6; level++) if (this.#headingLevels & (1 << level)) levels.push(String(level));
    return `headings at level${levels.length > 1 ? 's' : ''} ${inWords(levels)}`;
  }
}

/** `a`, `a and b`, `a, b and c`. */
function inWords(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The text of a note that is in no card: every block is in a card, a section title, recognised
 * noise (references, tables of contents, comments, rules), or here. An introduction (before the
 * first heading, or a section's that leads into its questions) is a note, not a problem; other
 * text, and questions listed without answers, are problems. `placed` are the headings whose own
 * text is in a card or reported already.
 */
export function unplacedText(file: string, preamble: Block[], roots: HeadingNode[], facts: OutlineFacts, placed: Set<HeadingNode>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { before, details, after } = splitDetails(cleanBlocks(preamble));
  const first = firstContent(before);
  if (first) diagnostics.push({ file, line: first.line, message: "the note's introduction, before its first heading, is in no card", note: true });
  const afterDetails = details.length > 0 ? after.filter(isContent).map((block) => block.line) : [];
  if (afterDetails.length > 0) diagnostics.push({ file, line: afterDetails[0] ?? 1, message: `text after the <details> blocks before the first heading is in no card (${linesListed(afterDetails)})` });
  const visit = (node: HeadingNode): void => {
    // Most headings are in a card (never a reference, which is not walked), and their facts are not looked at.
    if (!placed.has(node)) {
      const { own, state, reference, details } = factsFor(facts, node);
      if (reference) return;
      const lines = state === 'empty' || state === 'link-list' ? [] : textLines(own, details);
      if (lines.length > 0) diagnostics.push(unplacedHeadingText(file, node, lines, state));
    }
    const { children } = node;
    for (let index = 0; index < children.length; index++) visit(children[index] as HeadingNode);
  };
  for (const root of roots) visit(root);
  return diagnostics;
}

/** The lines of a heading's own text: its first block's, and around `<details>` blocks (cards of their own) each block's after them. */
function textLines(own: Block[], details: DetailsSplit): number[] {
  const first = firstContent(details.details.length > 0 ? details.before : own);
  const lines = first ? [first.line] : [];
  if (details.details.length > 0) for (const block of details.after) if (isContent(block)) lines.push(block.line);
  return lines;
}

function unplacedHeadingText(file: string, node: HeadingNode, lines: number[], state: Emptiness): Diagnostic {
  const where = { file, line: lines[0] ?? node.line };
  const also = lines.length > 1 ? ` (${linesListed(lines)})` : '';
  const heading = shortened(node.heading);
  if (state === 'question-list') return { ...where, message: `questions listed under "${heading}" have no answers; no cards made` };
  if (node.children.length > 0 || namesCollection(node.title)) return { ...where, message: `the introduction of "${heading}" is in no card${also}`, note: true };
  return { ...where, message: `text under "${heading}" is in no card${also}` };
}

/** How much of a heading a message quotes: it names the heading, the line says where it is. */
const QUOTED_HEADING = 60;

/** A heading cut to {@link QUOTED_HEADING} characters (code points: an emoji is never split), `…` where cut. */
function shortened(heading: string): string {
  if (heading.length <= QUOTED_HEADING) return heading;
  const characters = [...heading];
  return characters.length <= QUOTED_HEADING ? heading : `${characters.slice(0, QUOTED_HEADING - 1).join('').trimEnd()}…`;
}

/** The first block that is neither blank space nor a rule. */
function firstContent(blocks: Block[]): Block | undefined {
  return blocks.find(isContent);
}

function isContent(block: Block): boolean {
  return block.token.type !== 'space' && block.token.type !== 'hr';
}

/** How many lines a diagnostic lists before it says how many more there are. */
const LINES_LISTED = 8;

/** One diagnostic for the questions (other than headings) that have no answer: notes often hold many. */
export function unansweredPrompts(file: string, lines: number[]): Diagnostic {
  const what = lines.length === 1 ? 'a question has no answer under it' : `${lines.length} questions have no answer under them`;
  return { file, line: lines[0] ?? 1, message: `${what} (${linesListed(lines)}); no cards made` };
}

/** `line 3`, `lines 3, 7, 9 and 2 more`. */
function linesListed(lines: number[]): string {
  const listed = lines.slice(0, LINES_LISTED).join(', ') + (lines.length > LINES_LISTED ? ` and ${lines.length - LINES_LISTED} more` : '');
  return `line${lines.length === 1 ? '' : 's'} ${listed}`;
}

/** What was found in a note that gave no card, to say why. */
interface Findings {
  headings: number;
  /** Headings followed by lists of questions or links. */
  unansweredLists: number;
  /** Questions other than headings without an answer. */
  unansweredPrompts: number;
}

/** Why a note gave no cards, as the one diagnostic `prep check` reads the reason from. */
export function noStructure(file: string, found: Findings): Diagnostic {
  const why =
    found.unansweredLists > 0
      ? `its headings are followed by lists of questions or links, not answers (${found.unansweredLists})`
      : found.unansweredPrompts > 0
        ? `none of its ${found.unansweredPrompts} questions has an answer under it`
        : found.headings === 0
          ? 'it has no headings, bold or Q: questions, or <details> blocks'
          : 'no heading has an answer under it';
  return { file, line: 1, message: `${NO_STRUCTURE}${why}` };
}

/** One diagnostic for the lines whose nesting was capped: where the first is, and how many there are. */
export function nestingProblems(lines: number[], bodyLine: number, file: string): Diagnostic[] {
  const [first] = lines;
  if (first === undefined) return [];
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more lines)` : '';
  const limits = `${MAX_MARKERS_ON_A_LINE} levels on a line or ${MAX_NESTING_COLUMNS} columns`;
  return [{ file, line: bodyLine + first, message: `lists or quotes nested deeper than ${limits}${more}; read as text from there, deeper indentation cut` }];
}
