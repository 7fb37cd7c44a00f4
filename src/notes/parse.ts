import type { Diagnostic } from './card.js';
import { cleanBlocks, emptiness, markdownOf, splitDetails, type DetailsSplit, type Emptiness } from './blocks.js';
import { splitFrontMatter } from './frontmatter.js';
import { capNesting, MAX_MARKERS_ON_A_LINE, MAX_NESTING_COLUMNS } from './nesting.js';
import { normaliseNoteText } from './normalise.js';
import { buildOutline, lexBlocks, type Block, type HeadingNode } from './outline.js';
import { isReferenceHeading, looksLikeQuestion } from './questions.js';

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
}

interface Walk {
  deck: string;
  file: string;
  questionLevel: number;
  /** True when the note's front matter set the question level. */
  levelIsExplicit: boolean;
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  unansweredLists: number;
}

/**
 * Turns one note's text into card drafts. Headings with text of their own are questions,
 * headings whose sub-headings are questions are sections; never throws on bad notes.
 * A byte-order mark and CRLF line ends are accepted as well as LF.
 */
export function parseNote(text: string, file: string, defaultDeck: string): ParsedNote {
  const split = splitFrontMatter(normaliseNoteText(text), file);
  const body = capNesting(split.body);
  const outline = buildOutline(lexBlocks(body.text, split.bodyLine));
  const nodes = allNodes(outline.roots);
  const walk: Walk = {
    deck: split.settings.deck ?? defaultDeck,
    file,
    questionLevel: split.settings.questionLevel ?? guessQuestionLevel(outline.roots),
    levelIsExplicit: split.settings.questionLevel !== undefined,
    drafts: [],
    diagnostics: [...split.diagnostics, ...nestingProblems(body.lines, split.bodyLine, file)],
    unansweredLists: 0,
  };
  detailsCards(walk, splitDetails(cleanBlocks(outline.preamble)), []);
  walkNodes(walk, documentBody(walk, outline.roots), []);
  if (walk.drafts.length === 0) walk.diagnostics.push(noStructure(walk, nodes.length));
  return { drafts: walk.drafts, diagnostics: walk.diagnostics.sort((a, b) => a.line - b.line) };
}

function allNodes(roots: HeadingNode[]): HeadingNode[] {
  return roots.flatMap((node) => [node, ...allNodes(node.children)]);
}

/**
 * The heading depth most headings with an answer sit at: there, sub-headings are parts of an
 * answer. Sub-headings of an answered heading that do not read as questions (`#### Example`)
 * are already parts of its answer and do not count.
 */
function guessQuestionLevel(roots: HeadingNode[]): number {
  const counts = new Map<number, number>();
  const count = (nodes: HeadingNode[], parentAnswered: boolean): void => {
    for (const node of nodes) {
      const answered = hasAnswer(node);
      if (answered && (!parentAnswered || looksLikeQuestion(node.title))) counts.set(node.level, (counts.get(node.level) ?? 0) + 1);
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

function hasAnswer(node: HeadingNode): boolean {
  return ownAnswer(node, cleanBlocks(node.body)) === undefined;
}

function ownAnswer(node: HeadingNode, own: Block[]): Emptiness {
  return emptiness(own, looksLikeQuestion(node.title));
}

/**
 * A lone top heading over the whole file is the document's title, not a section, unless it asks
 * a question its sub-headings answer, or the front matter puts questions at its depth.
 */
function documentBody(walk: Walk, roots: HeadingNode[]): HeadingNode[] {
  const [only] = roots;
  if (roots.length !== 1 || !only || only.children.length === 0 || isQuestionLevel(walk, only)) return roots;
  const answeredByParts = !only.children.some((child) => standsAlone(walk, child)) && only.children.some(yieldsCards);
  return answeredByParts && looksLikeQuestion(only.title) ? roots : only.children;
}

function walkNodes(walk: Walk, nodes: HeadingNode[], path: string[]): void {
  for (const node of nodes) walkNode(walk, node, path);
}

function walkNode(walk: Walk, node: HeadingNode, path: string[]): void {
  if (isReferenceHeading(node.title)) return;
  const own = cleanBlocks(node.body);
  const details = splitDetails(own);
  const standalone = node.children.filter((child) => standsAlone(walk, child));
  const partsOfAnswer = node.children.filter((child) => !standalone.includes(child));
  if (details.details.length > 0) {
    detailsCards(walk, details, path, node);
    walkNodes(walk, standalone, path);
    return;
  }
  const state = ownAnswer(node, own);
  if (state === undefined) {
    if (standalone.length > 0 && !looksLikeQuestion(node.title) && !isQuestionLevel(walk, node)) {
      walkNodes(walk, node.children, [...path, node.title]);
      return;
    }
    addQuestion(walk, node, own, partsOfAnswer, path);
    walkNodes(walk, standalone, path);
    return;
  }
  if (state !== 'empty') walk.unansweredLists++;
  if (node.children.length === 0) {
    if (state === 'empty') emptyHeading(walk, node);
    return;
  }
  if (standalone.length > 0 || !node.children.some(yieldsCards)) walkNodes(walk, node.children, [...path, node.title]);
  else addQuestion(walk, node, own, node.children, path);
}

function isQuestionLevel(walk: Walk, node: HeadingNode): boolean {
  return walk.levelIsExplicit && node.level === walk.questionLevel;
}

/**
 * A sub-heading stands on its own (a question, or a section of questions) when it sits at or
 * above the question level, or deeper but reads as a question; otherwise it is part of the
 * answer above it (`### JVM vs JDK vs JRE` answered by `#### JVM`, `#### JDK 和 JRE`).
 */
function standsAlone(walk: Walk, node: HeadingNode): boolean {
  if (isReferenceHeading(node.title)) return false;
  const placed = walk.levelIsExplicit
    ? node.level <= walk.questionLevel
    : node.level <= walk.questionLevel || looksLikeQuestion(node.title) || node.explicitId !== undefined;
  return placed && yieldsCards(node);
}

function yieldsCards(node: HeadingNode): boolean {
  if (isReferenceHeading(node.title)) return false;
  const own = cleanBlocks(node.body);
  return ownAnswer(node, own) === undefined || splitDetails(own).details.length > 0 || node.children.some(yieldsCards);
}

function addQuestion(walk: Walk, node: HeadingNode, own: Block[], parts: HeadingNode[], path: string[]): void {
  const answer = [markdownOf(own), ...parts.map(subtreeMarkdown)].filter((text) => text !== '').join('\n\n');
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
  walk.drafts.push({
    deck: walk.deck,
    path,
    question,
    answer,
    source: { file: walk.file, line: node.line },
    ...(node.explicitId ? { explicitId: node.explicitId } : {}),
  });
}

function subtreeMarkdown(node: HeadingNode): string {
  const parts = [node.raw.trim(), markdownOf(cleanBlocks(node.body)), ...node.children.map(subtreeMarkdown)];
  return parts.filter((text) => text !== '').join('\n\n');
}

/**
 * `<details>` blocks: under a heading with one block (or text before it), the heading and that
 * text ask and the block answers; several bare blocks are cards of their own, their summaries
 * the questions.
 */
function detailsCards(walk: Walk, split: DetailsSplit, path: string[], node?: HeadingNode): void {
  const before = markdownOf(split.before);
  const after = markdownOf(split.after);
  if (node && (split.details.length === 1 || before !== '')) {
    const answer = [...split.details.map((block) => block.body), after].filter((text) => text !== '').join('\n\n');
    addHeadingCard(walk, node, path, before === '' ? node.title : `${node.title}\n\n${before}`, answer);
    return;
  }
  const inner = node ? [...path, node.title] : path;
  for (const block of split.details) {
    if (block.summary === '' || block.body === '') {
      walk.diagnostics.push({ file: walk.file, line: block.line, message: 'a <details> block without summary or content; no card made' });
      continue;
    }
    walk.drafts.push({ deck: walk.deck, path: inner, question: block.summary, answer: block.body, source: { file: walk.file, line: block.line } });
  }
}

function emptyHeading(walk: Walk, node: HeadingNode): void {
  walk.diagnostics.push({ file: walk.file, line: node.line, message: `empty question "${node.heading}": no answer under it; no card made` });
}

function noStructure(walk: Walk, headings: number): Diagnostic {
  const why =
    walk.unansweredLists > 0
      ? `its headings are followed by lists of questions or links, not answers (${walk.unansweredLists})`
      : headings === 0
        ? 'it has no headings and no <details> blocks'
        : 'no heading has an answer under it';
  return { file: walk.file, line: 1, message: `no question/answer structure, no cards: ${why}` };
}

/** One diagnostic for the lines whose nesting was capped: where the first is, and how many there are. */
function nestingProblems(lines: number[], bodyLine: number, file: string): Diagnostic[] {
  const [first] = lines;
  if (first === undefined) return [];
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more lines)` : '';
  const limits = `${MAX_MARKERS_ON_A_LINE} levels on a line or ${MAX_NESTING_COLUMNS} columns`;
  return [{ file, line: bodyLine + first, message: `lists or quotes nested deeper than ${limits}${more}; read as text from there, deeper indentation cut` }];
}
