import { cleanBlocks, emptiness, splitDetails, type DetailsSplit, type Emptiness } from './blocks.js';
import { PROMPT_LEVEL, type Block, type HeadingNode } from './outline.js';
import { isReferenceHeading, looksLikeQuestion } from './questions.js';

/** What the walk needs to know of a heading's own content; it asks of most headings several times, so each is worked out once. */
export interface Facts {
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
export type OutlineFacts = Map<HeadingNode, Facts>;

/**
 * The facts of every heading under `nodes`, deepest first: whether a heading yields cards depends on its sub-headings.
 * The walk's loops index their arrays: they run over every heading of every note before V8 optimises them, and
 * unoptimised `for…of` allocates an iterator result per step.
 */
export function factsOf(nodes: HeadingNode[], facts: OutlineFacts = new Map()): OutlineFacts {
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

export function anyYields(nodes: HeadingNode[], facts: OutlineFacts): boolean {
  for (let index = 0; index < nodes.length; index++) if (factsFor(facts, nodes[index] as HeadingNode).yields) return true;
  return false;
}

/** A heading's facts; every heading of the outline has them. */
export function factsFor(facts: OutlineFacts, node: HeadingNode): Facts {
  const found = facts.get(node);
  if (!found) throw new Error('bug: a heading outside the outline');
  return found;
}

/** True for a heading written as one, not a prompt of another kind read as a heading. */
export function isNoteHeading(node: HeadingNode): boolean {
  return node.level < PROMPT_LEVEL;
}
