import { NO_STRUCTURE, type Diagnostic } from './card.js';
import { cleanBlocks, emptiness, isIntroduction, markdownOf, splitDetails, type DetailsSplit, type Emptiness } from './blocks.js';
import { splitFrontMatter } from './frontmatter.js';
import { capNesting, MAX_MARKERS_ON_A_LINE, MAX_NESTING_COLUMNS } from './nesting.js';
import { normaliseNoteText } from './normalise.js';
import { buildOutline, lexBlocks, type Block, type HeadingNode, type PromptOrigin } from './outline.js';
import { PROMPT_LEVEL, promptBlocks } from './prompt-blocks.js';
import { endsAsking, isAnswerSummary, withoutAnswerLabel } from './prompts.js';
import { isFacet, isReferenceHeading, looksLikeQuestion, namesCollection, setsTask } from './questions.js';
import { decideShape } from './shape.js';

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

/** What the walk needs to know of a heading's own content; it asks of most headings several times, so each is worked out once. */
interface Facts {
  /** The heading's own blocks, noise removed. */
  own: Block[];
  /** True when the heading reads as a question. */
  asks: boolean;
  /** Why its own blocks are no answer; undefined when they are one. */
  state: Emptiness;
  details: DetailsSplit;
  /** True when the heading holds references or a table of contents: never a question. */
  reference: boolean;
  /** True when the heading, a `<details>` block under it or a heading below it makes a card. */
  yields: boolean;
}

/** The facts of every heading in an outline, keyed by heading. */
type OutlineFacts = Map<HeadingNode, Facts>;

interface Walk {
  deck: string;
  file: string;
  questionLevel: number;
  /** True when the note's front matter set the question level. */
  levelIsExplicit: boolean;
  facts: OutlineFacts;
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  unansweredLists: number;
  /** The lines of prompts other than headings that have no answer: reported together, as notes often hold many. */
  unanswered: number[];
  /** How many cards each kind of prompt gave, for the reading `prep check` prints. */
  readings: Map<string, number>;
  /** The levels of the headings that gave cards. */
  headingLevels: Set<number>;
  /** The headings whose own text is in a card, or reported. */
  placed: Set<HeadingNode>;
}

/**
 * Turns one note's text into card drafts. Headings with text of their own are questions,
 * headings whose sub-headings are questions are sections; never throws on bad notes.
 * A byte-order mark and CRLF line ends are accepted as well as LF.
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
    questionLevel: split.settings.questionLevel ?? guessQuestionLevel(outline.roots, facts),
    levelIsExplicit: split.settings.questionLevel !== undefined,
    facts,
    drafts: [],
    diagnostics: [...split.diagnostics, ...nestingProblems(body.lines, split.bodyLine, file)],
    unansweredLists: 0,
    unanswered: [],
    readings: new Map(),
    headingLevels: new Set(),
    placed: new Set(),
  };
  detailsCards(walk, splitDetails(cleanBlocks(outline.preamble)), []);
  const single = split.settings.cards === 'file' ? wholeFile(walk, outline.roots) : oneQuestion(walk, outline.roots);
  if (single) addQuestion(walk, single, factsFor(facts, single).own, single.children, []);
  else {
    const body = documentBody(walk, outline.roots);
    if (split.settings.deck === undefined && body !== outline.roots) walk.deck = deckName(outline.roots[0]?.title) ?? defaultDeck;
    walkNodes(walk, body, []);
  }
  if (walk.unanswered.length > 0) walk.diagnostics.push(unansweredPrompts(walk));
  if (walk.drafts.length > 0) reportUnplaced(walk, outline.preamble, outline.roots);
  if (walk.drafts.length === 0) walk.diagnostics.push(noStructure(walk, facts.size));
  const reading = single && walk.drafts.length === 1 ? 'one question' : describeReadings(walk);
  return { drafts: walk.drafts, diagnostics: walk.diagnostics.sort((a, b) => a.line - b.line), reading };
}

/** A note's title as its deck's name (`# Redis 面试题`): images and badges left out, links as their text. */
function deckName(title: string | undefined): string | undefined {
  const name = title?.replace(MARKDOWN_IMAGE, '').replace(MARKDOWN_LINK, '$1').trim();
  return name === '' ? undefined : name;
}

const MARKDOWN_IMAGE = /!\[[^\]]*\]\([^)]*\)/gu;
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/gu;

/**
 * The facts of every heading under `nodes`, deepest first: whether a heading yields cards depends on its sub-headings.
 * The walk's loops index their arrays: they run over every heading of every note before V8 optimises them, and
 * unoptimised `for…of` allocates an iterator result per step.
 */
function factsOf(nodes: HeadingNode[], facts: OutlineFacts = new Map()): OutlineFacts {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as HeadingNode;
    factsOf(node.children, facts);
    facts.set(node, headingFacts(node, facts));
  }
  return facts;
}

function headingFacts(node: HeadingNode, facts: OutlineFacts): Facts {
  const own = cleanBlocks(node.body);
  const asks = looksLikeQuestion(node.title);
  const state = emptiness(own, asks);
  const details = splitDetails(own);
  const reference = isReferenceHeading(node.title);
  const yields = !reference && (state === undefined || details.details.length > 0 || anyYields(node.children, facts));
  return { own, asks, state, details, reference, yields };
}

function anyYields(nodes: HeadingNode[], facts: OutlineFacts): boolean {
  for (let index = 0; index < nodes.length; index++) if (factsFor(facts, nodes[index] as HeadingNode).yields) return true;
  return false;
}

/** A heading's facts; every heading of the outline has them. */
function factsFor(facts: OutlineFacts, node: HeadingNode): Facts {
  const found = facts.get(node);
  if (!found) throw new Error('bug: a heading outside the outline');
  return found;
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
function documentBody(walk: Walk, roots: HeadingNode[]): HeadingNode[] {
  const [only] = roots;
  if (roots.length !== 1 || !only || only.children.length === 0 || isQuestionLevel(walk, only)) return roots;
  const answeredByParts = !only.children.some((child) => standsAlone(walk, child)) && anyYields(only.children, walk.facts);
  return answeredByParts && factsFor(walk.facts, only).asks ? roots : only.children;
}

/**
 * The heading that is the file's one question, or undefined: a lone top heading that asks or sets
 * a task (`Design Pastebin.com`, `面试题：…是什么？`) over sub-headings that are facets of its
 * answer (`Step 1: …`, `一、核心挑战 1：…`, `题目描述`), not questions that end asking.
 */
function oneQuestion(walk: Walk, roots: HeadingNode[]): HeadingNode | undefined {
  const [only] = roots;
  if (roots.length !== 1 || !only || only.children.length === 0 || !isNoteHeading(only) || walk.levelIsExplicit) return undefined;
  const facets = only.children.filter(isFacetNode).length;
  const task = setsTask(only.title) && facets * 2 >= only.children.length;
  if (!(factsFor(walk.facts, only).asks || task || facets === only.children.length) || namesCollection(only.title)) return undefined;
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

/** The heading a note that front matter says is one question (`cards: file`) asks with: the one heading that holds the rest. */
function wholeFile(walk: Walk, roots: HeadingNode[]): HeadingNode | undefined {
  if (roots.length === 1) return roots[0];
  walk.diagnostics.push({ file: walk.file, line: 1, message: 'front matter cards: file needs one heading over the whole note, its question; read as usual' });
  return undefined;
}

/**
 * Walks sibling headings. An empty heading followed by questions at its own level (`## Arrays`,
 * `## Part 2. STRINGS`, a document title over `# 一 …`) divides them: it is the section of the
 * siblings after it, up to the next such divider.
 */
function walkNodes(walk: Walk, nodes: readonly HeadingNode[], path: string[]): void {
  let section = path;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as HeadingNode;
    if (dividesSiblings(walk, node, nodes[index + 1])) section = [...path, node.title];
    else walkNode(walk, node, section);
  }
}

function dividesSiblings(walk: Walk, node: HeadingNode, next: HeadingNode | undefined): boolean {
  if (next === undefined || next.level !== node.level || node.children.length > 0 || !isNoteHeading(node)) return false;
  const { state, asks } = factsFor(walk.facts, node);
  const following = factsFor(walk.facts, next);
  return (state === 'empty' || state === 'link-list') && !asks && following.yields && following.asks;
}

function walkNode(walk: Walk, node: HeadingNode, path: string[]): void {
  const { own, asks, state, details, reference } = factsFor(walk.facts, node);
  if (reference) return;
  const standalone = standaloneChildren(walk, node);
  if (details.details.length > 0) {
    detailsCards(walk, details, path, node);
    walkNodes(walk, standalone, path);
    return;
  }
  if (state === undefined) {
    if (standalone.length > 0 && !asks && !isQuestionLevel(walk, node)) {
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

/**
 * True when a heading's own text introduces what stands under it rather than answers anything:
 * under a title that names a collection of questions, or before sub-headings when it only leads
 * into them or points elsewhere.
 */
function introduces(node: HeadingNode, own: Block[], standalone: readonly HeadingNode[]): boolean {
  return namesCollection(node.title) || (standalone.some(isNoteHeading) && isIntroduction(own));
}

function isFacetNode(node: HeadingNode): boolean {
  return isFacet(node.title);
}

/** True for a heading written as one, not a prompt of another kind read as a heading. */
function isNoteHeading(node: HeadingNode): boolean {
  return node.level < PROMPT_LEVEL;
}

/** The sub-headings that stand alone; most headings have none, and share one empty array rather than each filtering its own. */
function standaloneChildren(walk: Walk, node: HeadingNode): readonly HeadingNode[] {
  const { children } = node;
  let standalone: HeadingNode[] | undefined;
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as HeadingNode;
    if (standsAlone(walk, child)) (standalone ??= []).push(child);
  }
  return standalone ?? NONE;
}

const NONE: readonly HeadingNode[] = [];

function isQuestionLevel(walk: Walk, node: HeadingNode): boolean {
  return walk.levelIsExplicit && node.level === walk.questionLevel;
}

/**
 * A sub-heading stands on its own (a question, or a section of questions) when it sits at or
 * above the question level, or deeper but reads as a question; otherwise it is part of the
 * answer above it (`### JVM vs JDK vs JRE` answered by `#### JVM`, `#### JDK 和 JRE`).
 */
function standsAlone(walk: Walk, node: HeadingNode): boolean {
  const { reference, asks, yields } = factsFor(walk.facts, node);
  if (reference || isFacet(node.title)) return false;
  const placed = walk.levelIsExplicit ? node.level <= walk.questionLevel : node.level <= walk.questionLevel || asks || node.explicitId !== undefined;
  return placed && yields;
}

function addQuestion(walk: Walk, node: HeadingNode, own: Block[], parts: HeadingNode[], path: string[]): void {
  walk.placed.add(node);
  let answer = markdownOf(own);
  for (let index = 0; index < parts.length; index++) answer = joinParagraphs(answer, subtreeMarkdown(walk, parts[index] as HeadingNode));
  addHeadingCard(walk, node, path, node.title, answer);
}

/** Adds the card a heading asks, or reports why there is none (no answer, or no words of its own). */
function addHeadingCard(walk: Walk, node: HeadingNode, path: string[], question: string, answer: string): void {
  if (answer === '') {
    emptyHeading(walk, node);
    return;
  }
  if (node.title === '') {
    walk.diagnostics.push({ file: walk.file, line: node.line, message: `heading "${node.heading}" has only an outline number; no card made` });
    return;
  }
  const source = { file: walk.file, line: node.line };
  const draft: CardDraft = { deck: walk.deck, path, question, answer: tidyAnswer(answer), source };
  countReading(walk, node.prompt === undefined ? HEADINGS : READINGS[node.prompt]);
  if (node.prompt === undefined) walk.headingLevels.add(node.level);
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

/** An answer without the label it starts with (`A:`, `答：`) and the `<br/>` lines that end it. */
function tidyAnswer(answer: string): string {
  return withoutAnswerLabel(answer).replace(TRAILING_BREAKS, '');
}

const TRAILING_BREAKS = /(?:\n[ \t]*<br\s*\/?>[ \t]*)+$/iu;

/** Two pieces of Markdown, a blank line between them; an empty one is left out. */
function joinParagraphs(first: string, second: string): string {
  if (first === '') return second;
  return second === '' ? first : `${first}\n\n${second}`;
}

/**
 * `<details>` blocks. A block whose summary only says "answer" (`Answer`, `答案`) answers the
 * prompt above it: the heading and the text before the block. So does a single block under a
 * heading that asks and has no other text. Any other block asks its summary and is a card of its
 * own; the heading's own text is then a card of the heading's.
 */
function detailsCards(walk: Walk, split: DetailsSplit, path: string[], node?: HeadingNode): void {
  const before = markdownOf(split.before);
  const after = markdownOf(split.after);
  const answering = split.details.filter((block) => isAnswerSummary(block.summary));
  const answersHeading = answering.length === split.details.length || (split.details.length === 1 && before === '' && after === '' && node !== undefined && factsFor(walk.facts, node).asks);
  if (node && answersHeading) {
    walk.placed.add(node);
    const answer = joinParagraphs(split.details.reduce((text, block) => joinParagraphs(text, block.body), ''), after);
    addHeadingCard(walk, node, path, before === '' ? node.title : `${node.title}\n\n${before}`, answer);
    return;
  }
  const inner = node ? [...path, node.title] : path;
  if (node && (before !== '' || after !== '' || answering.length > 0) && !namesCollection(node.title)) {
    walk.placed.add(node);
    const answer = answering.reduce((text, block) => joinParagraphs(text, block.body), joinParagraphs(before, after));
    addHeadingCard(walk, node, path, node.title, answer);
  }
  for (const block of split.details) {
    if (answering.includes(block)) continue;
    if (block.summary === '' || block.body === '') {
      walk.diagnostics.push({ file: walk.file, line: block.line, message: 'a <details> block without summary or content; no card made' });
      continue;
    }
    const source = { file: walk.file, line: block.line };
    walk.drafts.push({ deck: walk.deck, path: inner, question: block.summary, answer: block.body, source });
    countReading(walk, 'details blocks');
  }
}

/** What `prep check` calls the cards of each way of writing prompts. */
const READINGS: Record<PromptOrigin, string> = {
  'heading in a list item': 'headings in list items',
  'bold line': 'bold lines',
  'Q: label': 'Q:/A: labels',
  'question in a list item': 'questions in list items',
  'block quote': 'block quotes that ask',
};

function countReading(walk: Walk, reading: string): void {
  walk.readings.set(reading, (walk.readings.get(reading) ?? 0) + 1);
}

/** The readings that gave cards, most cards first: "headings at levels 2 and 3, and block quotes that ask". */
function describeReadings(walk: Walk): string {
  const levels = [...walk.headingLevels].sort((a, b) => a - b);
  const headings = `headings at level${levels.length > 1 ? 's' : ''} ${inWords(levels.map(String))}`;
  const ranked = [...walk.readings].sort((a, b) => b[1] - a[1]).map(([reading]) => (reading === HEADINGS ? headings : reading));
  return ranked.length === 0 ? 'no prompts with answers' : inWords(ranked);
}

const HEADINGS = 'headings';

/** `a`, `a and b`, `a, b and c`. */
function inWords(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function emptyHeading(walk: Walk, node: HeadingNode): void {
  walk.placed.add(node);
  if (!isNoteHeading(node)) {
    walk.unanswered.push(node.line);
    return;
  }
  walk.diagnostics.push({ file: walk.file, line: node.line, message: `empty question "${node.heading}": no answer under it; no card made` });
}

/**
 * Reports the text of the note that is in no card: every block is in a card, a section title,
 * recognised noise (references, tables of contents, comments, rules), or here. An introduction
 * (before the first heading, or a section's that leads into its questions) is a note, not a
 * problem; other text, and questions listed without answers, are problems.
 */
function reportUnplaced(walk: Walk, preamble: Block[], roots: HeadingNode[]): void {
  const before = splitDetails(cleanBlocks(preamble)).before;
  const first = firstContent(before);
  if (first) walk.diagnostics.push({ file: walk.file, line: first.line, message: "the note's introduction, before its first heading, is in no card", note: true });
  for (const root of roots) reportUnplacedNode(walk, root);
}

function reportUnplacedNode(walk: Walk, node: HeadingNode): void {
  const { own, state, reference, details } = factsFor(walk.facts, node);
  if (reference) return;
  const first = firstContent(details.details.length > 0 ? [...details.before, ...details.after] : own);
  if (!walk.placed.has(node) && first && state !== 'empty' && state !== 'link-list') walk.diagnostics.push(unplacedText(walk, node, first, state));
  for (const child of node.children) reportUnplacedNode(walk, child);
}

function unplacedText(walk: Walk, node: HeadingNode, first: Block, state: Emptiness): Diagnostic {
  const where = { file: walk.file, line: first.line };
  if (state === 'question-list') return { ...where, message: `questions listed under "${node.heading}" have no answers; no cards made` };
  if (node.children.length > 0 || namesCollection(node.title)) return { ...where, message: `the introduction of "${node.heading}" is in no card`, note: true };
  return { ...where, message: `text under "${node.heading}" is in no card` };
}

/** The first block that is neither blank space nor noise. */
function firstContent(blocks: Block[]): Block | undefined {
  return blocks.find((block) => block.token.type !== 'space' && block.token.type !== 'hr');
}

/** How many lines a diagnostic lists before it says how many more there are. */
const LINES_LISTED = 8;

function unansweredPrompts(walk: Walk): Diagnostic {
  const lines = walk.unanswered;
  const listed = lines.slice(0, LINES_LISTED).join(', ') + (lines.length > LINES_LISTED ? ` and ${lines.length - LINES_LISTED} more` : '');
  const what = lines.length === 1 ? 'a question has no answer under it' : `${lines.length} questions have no answer under them`;
  return { file: walk.file, line: lines[0] ?? 1, message: `${what} (line${lines.length === 1 ? '' : 's'} ${listed}); no cards made` };
}

function noStructure(walk: Walk, headings: number): Diagnostic {
  const why =
    walk.unansweredLists > 0
      ? `its headings are followed by lists of questions or links, not answers (${walk.unansweredLists})`
      : walk.unanswered.length > 0
        ? `none of its ${walk.unanswered.length} questions has an answer under it`
        : headings === 0
          ? 'it has no headings, bold or Q: questions, or <details> blocks'
          : 'no heading has an answer under it';
  return { file: walk.file, line: 1, message: `${NO_STRUCTURE}${why}` };
}

/** One diagnostic for the lines whose nesting was capped: where the first is, and how many there are. */
function nestingProblems(lines: number[], bodyLine: number, file: string): Diagnostic[] {
  const [first] = lines;
  if (first === undefined) return [];
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more lines)` : '';
  const limits = `${MAX_MARKERS_ON_A_LINE} levels on a line or ${MAX_NESTING_COLUMNS} columns`;
  return [{ file, line: bodyLine + first, message: `lists or quotes nested deeper than ${limits}${more}; read as text from there, deeper indentation cut` }];
}
