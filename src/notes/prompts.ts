import { HTML_TAG, removeComments } from './html.js';

/*
 * The prompts of a note other than headings: what marks a paragraph, a block quote or a list
 * item as a question. Each test reads text only; which of them a note's questions are written
 * as is decided once per file (shape.ts), and the blocks are rewritten from that (prompt-blocks.ts).
 */

/** A bold line, whole: `**What is the GIL?**`, `__…__`; the bold text may not itself hold the closing marks. */
const WHOLE_BOLD = /^(\*\*|__)(?!\s)((?:(?!\1).)+?)(?<!\s)\1[ \t]*$/u;

/**
 * The question of a paragraph or list item whose first line is bold and nothing else, or
 * undefined. Bold text inside a line (`**Bias** is …`) is emphasis, not a question.
 */
export function boldQuestion(text: string): string | undefined {
  const first = firstLineOf(text);
  if (!first.startsWith('**') && !first.startsWith('__')) return undefined;
  const inner = WHOLE_BOLD.exec(first)?.[2]?.trim();
  return inner === undefined || inner === '' || /^[*_\s]+$/u.test(inner) ? undefined : inner;
}

/**
 * A question label: `Q:`, `Q1)`, `Q13)Command…`, `Question:`, `Question 3:`, `问：`, `问题：`,
 * optionally after an outline number (`-1. Question:`, `3. Q:`).
 */
const QUESTION_LABEL = /^(?:-?\d{1,3}[.)]\s*)?(?:Q(?:uestion)?[ \t]*\d{0,3}[ \t]*[:：.)）]|Q\d{1,3}[ \t]|问题?[ \t]*\d{0,3}[ \t]*[:：])[ \t]*/iu;

/** The question of a `Q:`-labelled paragraph or item, label removed, or undefined. */
export function labelledQuestion(text: string): string | undefined {
  const first = firstLineOf(text);
  const label = QUESTION_LABEL.exec(first);
  if (!label) return undefined;
  const question = first.slice(label[0].length).trim();
  return question === '' ? undefined : question;
}

/** An answer label at the start of an answer: `A:`, `A1)`, `Answer:`, `Answer -`, `Solution:`, `答：`, `答案：`, maybe in bold. */
const ANSWER_LABEL = /^(?:\*\*|__)?(?:A|Ans|Answer|Solution|答|答案|回答|解答)[ \t]*\d{0,3}[ \t]*(?:[:：)）]|[ \t]-[ \t])(?:\*\*|__)?[ \t]*/iu;

/** What an answer starts with when it may start with a label: a letter of `A`/`Answer`/`Solution`, `答`/`回`/`解`, bold, or a list item's marker. */
const MAY_START_LABEL = /^[ \t]*[AaSs答回解*_\-+\d]/u;

/** True when text starts with an answer label. */
export function startsWithAnswerLabel(text: string): boolean {
  return ANSWER_LABEL.test(text);
}

/**
 * An answer without its leading label: `A: Redis is …` → `Redis is …`; also when the answer is a
 * list whose first item carries the label (`- A: …`). Text without a label is returned as it is.
 */
export function withoutAnswerLabel(answer: string): string {
  if (!MAY_START_LABEL.test(answer)) return answer;
  const item = /^([ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+)/u.exec(answer);
  const prefix = item?.[1] ?? '';
  const rest = answer.slice(prefix.length);
  const label = ANSWER_LABEL.exec(rest);
  if (!label || rest.length === label[0].length) return answer;
  return prefix + rest.slice(label[0].length);
}

/** A question mark at the end, half- or full-width, after trailing emphasis and blanks. */
const ENDS_ASKING = /[?？][*_\s]*$/u;

/** True when text ends with a question mark: the strict test for prompts that are not headings. */
export function endsAsking(text: string): boolean {
  return ENDS_ASKING.test(text);
}

/** Longer than any question written as a block quote; longer quotes are quotations. */
const QUOTE_QUESTION_MAX = 300;

/**
 * The question of a block quote that asks one (`> 什么是跨域请求? 如何允许跨域?`): one short
 * paragraph ending with a question mark; anchors (`<a name="q-cors"></a>`) removed. Quotations
 * of other texts do not end asking.
 */
export function quotedQuestion(quoteText: string): string | undefined {
  const text = quoteText.trim();
  if (text.length > QUOTE_QUESTION_MAX || /\n[ \t]*\n/u.test(text) || !endsAsking(text)) return undefined;
  const plain = withoutTags(text).replace(/\s*\n\s*/gu, ' ').trim();
  return plain === '' ? undefined : plain;
}

/** A question written as a plain list item: its first line ends asking. */
export function itemAsks(text: string): boolean {
  return endsAsking(firstLineOf(text));
}

/**
 * True when a question leads into sub-prompts rather than asking for an answer of its own:
 * `Data structures - discuss:` followed by `- Binary tree`, `- Hash map`.
 */
export function leadsIntoList(question: string): boolean {
  return /[:：][*_\s]*$/u.test(question);
}

/** The `<details>` summaries that only say "answer": the block reveals the answer to the prompt above it. */
const ANSWER_SUMMARY =
  /^(?:(?:show|view|see|click(?:\s+(?:here\s+)?to\s+(?:see|show|view))?|reveal|toggle)\s+(?:the\s+)?)?(?:answers?|solutions?|explanation|hints?|reference answer|output)(?:\s+(?:and\s+)?explanation)?\s*[:：.!]?$|^(?:点击)?(?:查看|显示|展开)?(?:参考)?(?:答案|解答|解析|题解|回答)(?:与解析|及解析)?\s*[:：]?$/iu;

/** True when a `<details>` summary only names the answer (`Answer`, `Show answer`, `答案`, `查看答案`). */
export function isAnswerSummary(summary: string): boolean {
  return ANSWER_SUMMARY.test(summary.trim());
}

function withoutTags(text: string): string {
  return text.includes('<') ? removeComments(text).replace(HTML_TAG, '') : text;
}

function firstLineOf(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).trim();
}
