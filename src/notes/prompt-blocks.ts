import type { Tokens } from 'marked';
import { countNewlines, lexBlocks, PROMPT_LEVEL, type Block, type PromptOrigin } from './outline.js';
import { boldQuestion, itemAsks, labelledQuestion, leadsIntoList, quotedQuestion, startsWithAnswerLabel } from './prompts.js';
import { isReferenceHeading, looksLikeQuestion } from './questions.js';
import { asksInBold, readsOtherPrompts, type PromptShape } from './shape.js';

/**
 * The blocks with each prompt the shape reads made a heading block, so that one outline and one
 * walk cut every kind of note into cards: a bold line, a `Q:` paragraph or an asking block quote
 * becomes a heading at {@link PROMPT_LEVEL}; a list whose items hold prompts is taken apart into
 * a heading per prompt item, its answer's blocks after it, and the other items kept as lists.
 */
export function promptBlocks(blocks: Block[], shape: PromptShape): Block[] {
  if (!readsOtherPrompts(shape)) return blocks;
  const out: Block[] = [];
  let place: Placing = { shape, floor: 0 };
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (block.token.type === 'heading') place = underHeading(shape, block.token as Tokens.Heading);
    placeBlock(out, block, place);
  }
  return out;
}

/** True when a shape reads prompts in list items. */
function readsItemPrompts(shape: PromptShape): boolean {
  return shape.bold || shape.labelled || shape.listHeadings || shape.askingItems;
}

/** What placing a block depends on: the note's shape, as it holds under the heading above. */
interface Placing {
  shape: PromptShape;
  /** The depth of the heading above: headings in list items under it go deeper. */
  floor: number;
}

/** Under a heading that asks, a quote that asks restates it (`> 类似的问题：…？`): no question of its own. */
function underHeading(shape: PromptShape, heading: Tokens.Heading): Placing {
  const quotes = shape.quotes && !looksLikeQuestion(heading.text);
  // A table of contents is no section for the questions listed after it: they go beside it.
  const floor = isReferenceHeading(heading.text) ? heading.depth - 1 : heading.depth;
  return { shape: quotes === shape.quotes ? shape : { ...shape, quotes }, floor };
}

function placeBlock(out: Block[], block: Block, place: Placing): void {
  const { token } = block;
  const { shape } = place;
  if (token.type === 'paragraph') placeParagraph(out, block, token as Tokens.Paragraph, shape);
  else if (token.type === 'blockquote' && shape.quotes) placeQuote(out, block, token as Tokens.Blockquote);
  else if (token.type === 'list' && readsItemPrompts(shape) && mayHoldItemPrompts(token.raw, shape)) placeList(out, block, token as Tokens.List, place);
  else out.push(block);
}

/** A paragraph whose first line is a prompt: the heading, then the rest of the paragraph (the answer, when written right under it). */
function placeParagraph(out: Block[], block: Block, token: Tokens.Paragraph, shape: PromptShape): void {
  const found = paragraphQuestion(token.text, shape);
  if (found === undefined) {
    out.push(block);
    return;
  }
  const firstLineEnd = token.raw.indexOf('\n');
  const rest = firstLineEnd === -1 ? '' : token.raw.slice(firstLineEnd + 1);
  out.push(promptHeading(found[0], firstLineEnd === -1 ? token.raw : token.raw.slice(0, firstLineEnd + 1), block.line, PROMPT_LEVEL, found[1]));
  if (rest.trim() !== '') pushAll(out, lexBlocks(rest, block.line + 1));
}

function paragraphQuestion(text: string, shape: PromptShape): [string, PromptOrigin] | undefined {
  const labelled = shape.labelled ? labelledQuestion(text) : undefined;
  if (labelled !== undefined) return [labelled, 'Q: label'];
  const bold = shape.bold ? boldPrompt(text) : undefined;
  return bold === undefined ? undefined : [bold, 'bold line'];
}

/**
 * The question of a bold line where the note's questions are bold lines: any whole bold line
 * (`**Precision-recall trade-off ⭐️**`) but one that leads into what follows (`**Note:**`).
 */
function boldPrompt(text: string): string | undefined {
  const question = boldQuestion(text);
  return question === undefined || leadsIntoList(question) ? undefined : question;
}

function placeQuote(out: Block[], block: Block, token: Tokens.Blockquote): void {
  const question = quotedQuestion(token.text);
  out.push(question === undefined ? block : promptHeading(question, token.raw, block.line, PROMPT_LEVEL, 'block quote'));
}

/** A line that starts a list item holding a heading, a `Q:` label or a bold line: only such lists are taken apart. */
const ITEM_PROMPT_START = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:#{1,6}[ \t]|(?:-?\d{1,3}[.)][ \t]*)?(?:Q|Question|问)|\*\*|__)/imu;
const ITEM_ASKING = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+[^\n]*[?？][*_ \t]*$/mu;

function mayHoldItemPrompts(raw: string, shape: PromptShape): boolean {
  if (ITEM_PROMPT_START.test(raw)) return true;
  return shape.askingItems && ITEM_ASKING.test(raw);
}

/** What a list item holds: a prompt and where its answer starts, or items nested deeper that do. */
interface ItemPrompt {
  heading: Block;
  /** The item's text after the prompt's line, and the line it starts on. */
  answer: string;
  answerLine: number;
}

/**
 * A list taken apart around its prompt items. Runs of other items stay lists; an item that holds
 * prompts deeper down gives its own blocks (its first paragraph, then its nested items taken apart).
 */
function placeList(out: Block[], block: Block, token: Tokens.List, place: Placing): void {
  const { shape } = place;
  const placed: Block[] = [];
  let plain: { raw: string; line: number } | undefined;
  const flushPlain = (): void => {
    if (plain) pushAll(placed, lexBlocks(dedent(plain.raw), plain.line));
    plain = undefined;
  };
  let line = block.line;
  let prompts = 0;
  const deepen = headingOffset(token, place.floor);
  for (const item of token.items) {
    const itemLine = line;
    line += countNewlines(item.raw);
    const prompt = itemPrompt(item, itemLine, place, deepen);
    if (prompt) {
      prompts++;
      flushPlain();
      placed.push(prompt.heading);
      if (prompt.answer.trim() !== '') promptBlocksInto(placed, lexBlocks(prompt.answer, prompt.answerLine), place);
    } else if (mayHoldItemPrompts(item.text.slice(item.text.indexOf('\n') + 1), shape) && item.text.includes('\n')) {
      const inner: Block[] = [];
      promptBlocksInto(inner, lexBlocks(item.text, itemLine), place);
      if (inner.some((each) => each.prompt !== undefined)) {
        prompts++;
        flushPlain();
        pushAll(placed, inner);
      } else {
        plain = { raw: (plain?.raw ?? '') + item.raw, line: plain?.line ?? itemLine };
      }
    } else {
      plain = { raw: (plain?.raw ?? '') + item.raw, line: plain?.line ?? itemLine };
    }
  }
  if (prompts === 0) {
    out.push(block);
    return;
  }
  flushPlain();
  pushAll(out, placed);
}

function promptBlocksInto(out: Block[], blocks: Block[], place: Placing): void {
  for (let index = 0; index < blocks.length; index++) placeBlock(out, blocks[index] as Block, place);
}

/**
 * How much deeper the headings in a list's items go than written: below the heading the list
 * stands under (`## Objects` then `- ## Pod`), keeping their levels relative to one another
 * (`- ## Resources`, `- ### Tutorials` stay parent and child).
 */
function headingOffset(token: Tokens.List, floor: number): number {
  let shallowest = 7;
  for (const item of token.items) {
    const hashes = /^(#{1,6})[ \t]/u.exec(item.text);
    if (hashes) shallowest = Math.min(shallowest, (hashes[1] ?? '').length);
  }
  return Math.max(0, floor + 1 - shallowest);
}

/**
 * The prompt a list item starts with: a heading (`- ## Pod`), a `Q1)` label, a bold line, or
 * (where the shape reads them) a line that asks with its answer nested under it. An answer label
 * item (`- A: …`) is none: it answers the prompt before it.
 */
function itemPrompt(item: Tokens.ListItem, line: number, place: Placing, deepen: number): ItemPrompt | undefined {
  const { shape } = place;
  const text = item.text;
  const end = text.indexOf('\n');
  const first = (end === -1 ? text : text.slice(0, end)).trim();
  const rest = end === -1 ? '' : text.slice(end + 1);
  const heading = shape.listHeadings ? /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u.exec(first) : null;
  if (heading) {
    const depth = Math.min((heading[1] ?? '').length + deepen, 6);
    return { heading: promptHeading(heading[2] ?? '', `${first}\n`, line, depth, 'heading in a list item'), answer: dedent(rest), answerLine: line + 1 };
  }
  if (startsWithAnswerLabel(first)) return undefined;
  const found = itemQuestion(first, rest, shape);
  if (found === undefined) return undefined;
  const [question, origin] = found;
  if (leadsIntoList(question) && isOnlyList(rest)) return { heading: promptHeading(`${question}\n\n${dedent(rest).trim()}`, item.raw, line, PROMPT_LEVEL, origin), answer: '', answerLine: line };
  return { heading: promptHeading(question, `${first}\n`, line, PROMPT_LEVEL, origin), answer: dedent(rest), answerLine: line + 1 };
}

function itemQuestion(first: string, rest: string, shape: PromptShape): [string, PromptOrigin] | undefined {
  const labelled = shape.labelled ? labelledQuestion(first) : undefined;
  if (labelled !== undefined) return [labelled, 'Q: label'];
  const bold = (shape.bold || shape.askingItems) && asksInBold(first) ? boldQuestion(first) : undefined;
  if (bold !== undefined) return [bold, 'bold line'];
  return shape.askingItems && itemAsks(first) && rest.trim() !== '' ? [first, 'question in a list item'] : undefined;
}

/** True when Markdown is a list and nothing else. */
function isOnlyList(markdown: string): boolean {
  const blocks = lexBlocks(dedent(markdown), 1).filter((block) => block.token.type !== 'space');
  return blocks.length > 0 && blocks.every((block) => block.token.type === 'list');
}

function promptHeading(text: string, raw: string, line: number, depth: number, prompt: PromptOrigin): Block {
  const token: Tokens.Heading = { type: 'heading', raw, depth, text, tokens: [] };
  return { token, line, prompt };
}

/** Adds blocks one at a time: a list of hundreds of thousands of prompts gives too many blocks to spread into `push`. */
function pushAll(target: Block[], blocks: Block[]): void {
  for (let index = 0; index < blocks.length; index++) target.push(blocks[index] as Block);
}

/** Text with the indentation its lines share removed (tabs count as four spaces). */
function dedent(text: string): string {
  const lines = text.replace(/\t/gu, '    ').split('\n');
  let indent = Infinity;
  for (const each of lines) if (each.trim() !== '') indent = Math.min(indent, /^ */u.exec(each)?.[0].length ?? 0);
  return indent === Infinity || indent === 0 ? text : lines.map((each) => each.slice(indent)).join('\n');
}
