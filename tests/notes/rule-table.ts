import { expect } from 'vitest';
import type { Diagnostic } from '../../src/notes/card.js';
import { outlineOf, parse } from './support.js';

/**
 * One row of a loader rule's table: a small note and what it should give. `cards` lists
 * `question / path › path` (`-` for no path); `answers`, when given, the answers in the same
 * order (a pattern where the answer's exact form is not the rule's business); `diagnostics`, when given, every problem
 * reported as its line and a part of its message.
 */
export interface RuleCase {
  name: string;
  note: string;
  cards: string[];
  /** Exact answers, or patterns where only part of the answer's form is the rule's business. */
  answers?: (string | RegExp)[];
  diagnostics?: [line: number, says: string][];
  /** When given, every remark that is no problem (`note: true`, such as an introduction in no card), the same way. */
  notes?: [line: number, says: string][];
}

/** Parses a row's note and checks it gives what the row says. */
export function expectRule({ note, cards, answers, diagnostics, notes }: RuleCase): void {
  const parsed = parse(note);
  expect(outlineOf(parsed.drafts), 'cards').toEqual(cards);
  if (answers) {
    expect(
      parsed.drafts.map((draft) => draft.answer),
      'answers',
    ).toEqual(answers.map((answer) => (typeof answer === 'string' ? answer : expect.stringMatching(answer))));
  }
  if (diagnostics) expectReported(parsed.diagnostics.filter((each) => each.note !== true), diagnostics, 'diagnostics');
  if (notes) expectReported(parsed.diagnostics.filter((each) => each.note === true), notes, 'notes');
}

function expectReported(got: Diagnostic[], wanted: [line: number, says: string][], what: string): void {
  expect(
    got.map((each) => [each.line, each.message]),
    what,
  ).toEqual(wanted.map(([line, says]) => [line, expect.stringContaining(says)]));
}
