import { describe, expect, it } from 'vitest';
import { capNesting, MAX_MARKERS_ON_A_LINE, MAX_NESTING_COLUMNS } from '../../src/notes/nesting.js';

describe('capNesting looks only at lines that open with enough blanks and markers to reach a limit', () => {
  it.each([
    ['a long list item with text after its marker', `- ${'word '.repeat(100)}`],
    ['a long line of text', 'x'.repeat(1_000)],
    ['markers just short of the limit, then text', `${'> '.repeat(MAX_MARKERS_ON_A_LINE)}quote`],
    ['blanks just short of the column limit, then text', `${' '.repeat(MAX_NESTING_COLUMNS - 1)}x`],
    ['a long run of digits and dots that is no marker', '1234567890.'.repeat(10)],
  ])('%s is left as written', (_, line) => {
    expect(capNesting(`${line}\n${line}`)).toEqual({ text: `${line}\n${line}`, lines: [] });
  });

  it.each([
    ['a quote marker past the marker limit', `${'>'.repeat(MAX_MARKERS_ON_A_LINE + 1)}x`, `${'>'.repeat(MAX_MARKERS_ON_A_LINE)}\\>x`],
    ['tabs past the column limit', `${'\t'.repeat(MAX_NESTING_COLUMNS / 4 + 1)}- x`, `${'\t'.repeat(MAX_NESTING_COLUMNS / 4)}\\- x`],
    ['list markers mixed with blanks past the column limit', `${'1.  '.repeat(MAX_NESTING_COLUMNS / 4)}- x`, `${'1.  '.repeat(MAX_NESTING_COLUMNS / 4)}\\- x`],
  ])('%s is capped', (_, line, capped) => {
    expect(capNesting(`text\n${line}`)).toEqual({ text: `text\n${capped}`, lines: [1] });
  });
});
