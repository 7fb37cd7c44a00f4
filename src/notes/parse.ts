import { cleanBlocks, markdownOf, splitDetails, type DetailsSplit } from './blocks.js';
import type { Diagnostic } from './card.js';
import { anyYields, factsFor, factsOf, isNoteHeading, type OutlineFacts } from './facts.js';
import { splitFrontMatter } from './frontmatter.js';
import { capNesting } from './nesting.js';
import { normaliseNoteText } from './normalise.js';
import { buildOutline, lexBlocks, type Block, type HeadingNode } from './outline.js';
import { promptBlocks } from './prompt-blocks.js';
import { isAnswerSummary, withoutAnswerLabel } from './prompts.js';
import { namesCollection } from './questions.js';
import { nestingProblems, noStructure, Readings, unansweredPrompts, unplacedText } from './report.js';
import {
  decideShape,
  dividesSiblings,
  documentBody,
  introduces,
  isQuestionLevel,
  oneQuestion,
  questionLevelOf,
  standaloneChildren,
  type QuestionLevel,
} from './shape.js';

/** A card before it has its id: what one note file says. */
export interface CardDraft {
  deck: string;
  path: string[];
  question: string;
  answer: string;
  source: { file: string; line: number };
  explicitId?: string;
}

/** What one note file gives: card drafts (ids come later, across all files) and diagnostics. */
export interface ParsedNote {
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  /** How the questions were read, for `prep check`: "headings at level 3", "bold lines", "one question"… */
  reading: string;
}

/** What the cut carries along one note's outline. */
interface Walk {
  deck: string;
  file: string;
  at: QuestionLevel;
  facts: OutlineFacts;
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  unansweredLists: number;
  /** The lines of prompts other than headings that have no answer: reported together, as notes often hold many. */
  unanswered: number[];
  readings: Readings;
  /** The headings whose own text is in a card, or reported. */
  placed: Set<HeadingNode>;
}

/**
 * Turns one note's text into card drafts, in four steps: its Markdown lexed into blocks; the
 * prompts of every kind found (prompt-blocks.ts, after the kinds shape.ts decides the note
 * uses); the outline's shape decided (shape.ts); and the cut below, which gives every block a
 * place: a card, a section, noise or a diagnostic. Never throws on bad notes. A byte-order mark
 * and CRLF line ends are accepted as well as LF.
 */
export function parseNote(text: string, file: string, defaultDeck: string): ParsedNote {
  const split = splitFrontMatter(normaliseNoteText(text), file);
  const body = capNesting(split.body);
  const blocks = lexBlocks(body.text, split.bodyLine);
  const outline = buildOutline(promptBlocks(blocks, decideShape(blocks, split.settings.cards)));
  const facts = factsOf(outline.roots);
  const walk: Walk = {
    deck: split.settings.deck ?? defaultDeck,
    file,
    at: questionLevelOf(outline.roots, facts, split.settings.questionLevel),
    facts,
    drafts: [],
    diagnostics: [...split.diagnostics, ...nestingProblems(body.lines, split.bodyLine, file)],
    unansweredLists: 0,
    unanswered: [],
    readings: new Readings(),
    placed: new Set(),
  };
  const single = split.settings.cards === 'file' ? wholeFile(walk, outline.roots) : oneQuestion(outline.roots, facts, walk.at);
  const inside = single ? [] : documentBody(outline.roots, facts, walk.at);
  const title = single || inside === outline.roots ? undefined : outline.roots[0];
  if (title && split.settings.deck === undefined) walk.deck = deckName(title.title) ?? defaultDeck;
  detailsCards(walk, splitDetails(cleanBlocks(outline.preamble)), []);
  if (single) addQuestion(walk, single, factsFor(facts, single).own, single.children, []);
  // The title's own `<details>` questions are cards as they would be before it; its text is the note's introduction.
  if (title) detailsCards(walk, factsFor(facts, title).details, []);
  walkNodes(walk, inside, []);
  if (walk.unanswered.length > 0) walk.diagnostics.push(unansweredPrompts(file, walk.unanswered));
  // One at a time: a note of hundreds of thousands of headings could hold as many, too many to spread.
  if (walk.drafts.length > 0) for (const unplaced of unplacedText(file, outline.preamble, outline.roots, facts, walk.placed)) walk.diagnostics.push(unplaced);
  else walk.diagnostics.push(noStructure(file, { headings: facts.size, unansweredLists: walk.unansweredLists, unansweredPrompts: walk.unanswered.length }));
  const reading = single && walk.drafts.length === 1 ? 'one question' : walk.readings.describe();
  return { drafts: walk.drafts, diagnostics: walk.diagnostics.sort((a, b) => a.line - b.line), reading };
}

/** A note's title as its deck's name (`# Redis 面试题`): images and badges left out, links as their text. */
function deckName(title: string | undefined): string | undefined {
  const name = title?.replace(MARKDOWN_IMAGE, '').replace(MARKDOWN_LINK, '$1').trim();
  return name === '' ? undefined : name;
}

const MARKDOWN_IMAGE = /!\[[^\]]*\]\([^)]*\)/gu;
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/gu;

/** The heading a note that front matter says is one question (`cards: file`) asks with: the one heading that holds the rest. */
function wholeFile(walk: Walk, roots: HeadingNode[]): HeadingNode | undefined {
  if (roots.length === 1) return roots[0];
  walk.diagnostics.push({ file: walk.file, line: 1, message: 'front matter cards: file needs one heading over the whole note, its question; read as usual' });
  return undefined;
}

/** Walks sibling headings; an empty heading that divides them is the section of those after it (see `dividesSiblings`). */
function walkNodes(walk: Walk, nodes: readonly HeadingNode[], path: string[]): void {
  let section = path;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as HeadingNode;
    if (dividesSiblings(walk.facts, node, nodes[index + 1])) section = [...path, node.title];
    else walkNode(walk, node, section);
  }
}

function walkNode(walk: Walk, node: HeadingNode, path: string[]): void {
  const { own, asks, state, details, reference } = factsFor(walk.facts, node);
  if (reference) return;
  const standalone = standaloneChildren(walk.facts, walk.at, node);
  if (details.details.length > 0) {
    const parts = standalone.length === 0 ? node.children : node.children.filter((child) => !standalone.includes(child));
    if (!detailsCards(walk, details, path, node, parts)) walkNodes(walk, parts, [...path, node.title]);
    walkNodes(walk, standalone, path);
    return;
  }
  if (state === undefined) {
    if (standalone.length > 0 && !asks && !isQuestionLevel(walk.at, node)) {
      // A topic with text of its own and questions under it is their section, and its text a card,
      // unless it is the introduction of a section of headings (it leads into them or points elsewhere).
      const section = [...path, node.title];
      if (!introduces(node, own, standalone)) addQuestion(walk, node, own, node.children.filter((child) => !standalone.includes(child)), path);
      walkNodes(walk, standalone, section);
      return;
    }
    const partsOfAnswer = standalone.length === 0 ? node.children : node.children.filter((child) => !standalone.includes(child));
    addQuestion(walk, node, own, partsOfAnswer, path);
    walkNodes(walk, standalone, path);
    return;
  }
  if (state !== 'empty') walk.unansweredLists++;
  if (node.children.length === 0) {
    if (state === 'empty') emptyHeading(walk, node);
    return;
  }
  const childrenYield = anyYields(node.children, walk.facts);
  // A heading with nothing under it that makes a card is as empty as one with no sub-headings.
  if (state === 'empty' && !childrenYield) emptyHeading(walk, node);
  if (standalone.length > 0 || !childrenYield) walkNodes(walk, node.children, [...path, node.title]);
  else addQuestion(walk, node, own, node.children, path);
}

function addQuestion(walk: Walk, node: HeadingNode, own: Block[], parts: HeadingNode[], path: string[]): void {
  walk.placed.add(node);
  let answer = markdownOf(own);
  for (let index = 0; index < parts.length; index++) answer = joinParagraphs(answer, subtreeMarkdown(walk, parts[index] as HeadingNode));
  addHeadingCard(walk, node, path, node.title, answer);
}

/**
 * Adds the card a heading asks, or reports why there is none (no answer, or no words of its own).
 * `revealed` when a `<details>` block gave the answer, which may start with a label (`A:`) as one
 * after a `Q:` does.
 */
function addHeadingCard(walk: Walk, node: HeadingNode, path: string[], question: string, answer: string, revealed = false): void {
  if (answer === '') {
    emptyHeading(walk, node);
    return;
  }
  if (node.title === '') {
    walk.diagnostics.push({ file: walk.file, line: node.line, message: `heading "${node.heading}" has only an outline number; no card made` });
    return;
  }
  const source = { file: walk.file, line: node.line };
  const draft: CardDraft = { deck: walk.deck, path, question, answer: tidyAnswer(answer, revealed || node.prompt !== undefined), source };
  walk.readings.countPrompt(node);
  if (node.explicitId) draft.explicitId = node.explicitId;
  walk.drafts.push(draft);
}

/** A heading's Markdown with its sub-headings', references left out (they are noise, not answer). */
function subtreeMarkdown(walk: Walk, node: HeadingNode): string {
  if (factsFor(walk.facts, node).reference) return '';
  walk.placed.add(node);
  let markdown = joinParagraphs(node.raw.trim(), markdownOf(factsFor(walk.facts, node).own));
  const { children } = node;
  for (let index = 0; index < children.length; index++) markdown = joinParagraphs(markdown, subtreeMarkdown(walk, children[index] as HeadingNode));
  return markdown;
}

/** An answer without the `<br/>` lines that end it, and, under a prompt that is no heading (`Q:`, a bold line), without its label (`A:`, `答：`). */
function tidyAnswer(answer: string, labelled: boolean): string {
  const unlabelled = labelled ? withoutAnswerLabel(answer) : answer;
  return unlabelled.charCodeAt(unlabelled.length - 1) === CLOSING_ANGLE && ENDS_WITH_BREAK.test(unlabelled.slice(-16)) ? unlabelled.replace(TRAILING_BREAKS, '') : unlabelled;
}

const TRAILING_BREAKS = /(?:\n[ \t]*<br\s*\/?>[ \t]*)+$/iu;
const ENDS_WITH_BREAK = /<br\s*\/?>$/iu;
const CLOSING_ANGLE = 0x3e;

/** Two pieces of Markdown, a blank line between them; an empty one is left out. */
function joinParagraphs(first: string, second: string): string {
  if (first === '') return second;
  return second === '' ? first : `${first}\n\n${second}`;
}

/**
 * `<details>` blocks. A block whose summary only says "answer" (`Answer`, `答案`) answers the
 * prompt above it: the heading and the text before the block. So does a single block under a
 * heading that asks and has no other text. Any other block asks its summary and is a card of its
 * own; the heading's own text is then a card of the heading's. The heading's sub-headings that
 * are parts of an answer join its card; true when it made one (else they are walked on their own).
 */
function detailsCards(walk: Walk, split: DetailsSplit, path: string[], node?: HeadingNode, parts: readonly HeadingNode[] = []): boolean {
  const before = markdownOf(split.before);
  const after = markdownOf(split.after);
  const answering = split.details.filter((block) => isAnswerSummary(block.summary));
  const alone = before === '' && after === '' && parts.length === 0;
  const answersHeading = answering.length === split.details.length || (split.details.length === 1 && alone && node !== undefined && factsFor(walk.facts, node).asks);
  let headingCard = false;
  if (node && answersHeading) {
    walk.placed.add(node);
    const answer = joinParagraphs(split.details.reduce((text, block) => joinParagraphs(text, block.body), ''), partsMarkdown(walk, after, parts));
    addHeadingCard(walk, node, path, before === '' ? node.title : `${node.title}\n\n${before}`, answer, true);
    return true;
  }
  const inner = node ? [...path, node.title] : path;
  if (node && (!alone || answering.length > 0) && !namesCollection(node.title)) {
    walk.placed.add(node);
    const answer = answering.reduce((text, block) => joinParagraphs(text, block.body), joinParagraphs(before, partsMarkdown(walk, after, parts)));
    addHeadingCard(walk, node, path, node.title, answer);
    headingCard = true;
  }
  for (const block of split.details) {
    if (answering.includes(block)) continue;
    if (block.summary === '' || block.body === '') {
      walk.diagnostics.push({ file: walk.file, line: block.line, message: 'a <details> block without summary or content; no card made' });
      continue;
    }
    const source = { file: walk.file, line: block.line };
    walk.drafts.push({ deck: walk.deck, path: inner, question: block.summary, answer: block.body, source });
    walk.readings.countOther('details blocks');
  }
  return headingCard;
}

/** Markdown and, after it, the sub-headings that are parts of an answer, when there are any. */
function partsMarkdown(walk: Walk, markdown: string, parts: readonly HeadingNode[]): string {
  let joined = markdown;
  for (let index = 0; index < parts.length; index++) joined = joinParagraphs(joined, subtreeMarkdown(walk, parts[index] as HeadingNode));
  return joined;
}

function emptyHeading(walk: Walk, node: HeadingNode): void {
  walk.placed.add(node);
  if (!isNoteHeading(node)) {
    walk.unanswered.push(node.line);
    return;
  }
  walk.diagnostics.push({ file: walk.file, line: node.line, message: `empty question "${node.heading}": no answer under it; no card made` });
}

