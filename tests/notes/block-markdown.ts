/** A source of numbers in [0, 1) that gives the same run for the same seed. */
export type Random = () => number;

/** A small seeded generator (mulberry32), so a failing document can be made again from its seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, choices: readonly T[]): T {
  const choice = choices[Math.floor(random() * choices.length)];
  if (choice === undefined) throw new Error('pick from no choices');
  return choice;
}

const INDENTS = ['', '', '', ' ', '  ', '   ', '    ', '     ', '      ', '        ', '\t', ' \t', '  \t', '\t\t', '\t  '];
const BULLETS = ['-', '*', '+', '1.', '2.', '1)', '3)', '10.', '123456789.', '0.'];
const WORDS = ['text', 'more words', '中文内容', 'a | b', '**bold**', '`code`', '#tag', '[link](#x)', '\u3000全角', '\u00a0nbsp', 'x\ty', '- -', '<b>inline</b>', '1. not', '>'];

/** Lines that start, continue, end or interrupt blocks: what makes block lexing hard. */
const LINE_KINDS: readonly ((random: Random) => string)[] = [
  () => '',
  () => '',
  (random) => pick(random, [' ', '  ', '\t', '    ', ' \u3000', '\u2003', '\u205f', '\u000b', '\f', '\ufeff', '\u00a0 ']),
  (random) => `${pick(random, BULLETS)} ${pick(random, WORDS)}`,
  (random) => `${pick(random, BULLETS)}${pick(random, [' ', '  ', '   ', '     ', '\t', ' \t', ''])}${pick(random, WORDS)}`,
  (random) => pick(random, BULLETS),
  (random) => `${pick(random, BULLETS)} ${pick(random, ['[ ] task', '[x] done', '[X] Done', '[ ]', '[ ]\ttab', '[ ] a | b', '[x]: url', '[ ] # h'])}`,
  (random) => pick(random, WORDS),
  (random) => `${pick(random, WORDS)} ${pick(random, WORDS)}`,
  (random) => pick(random, ['```', '```js', '~~~', '````', '``` x ```', '~~~~ ruby', '```\t']),
  (random) => pick(random, ['# heading', '## h2', '###### h6', '####### seven', '#', '## closed ##', '#\u3000全角', '## a#', '# trailing  ', '### #', '# a #\t', '#\ttab', ' ## x ###  ', '# #a', '## \\#']),
  (random) => pick(random, ['===', '---', '- - -', '***', '* * *', '___', '-', '--', '= =', '---  ', '***\t']),
  (random) => `> ${pick(random, ['quote', '- quoted item', '1. quoted', '> nested', '```', '# h', ''])}`,
  (random) => pick(random, ['>', '>quote', '> - [ ] task']),
  (random) => pick(random, ['<details>', '<details><summary>答案</summary>', '</details>', '<summary>s</summary>', '<div>', '</div>', '<p align="center">']),
  (random) => pick(random, ['<!-- id: x -->', '<!--', '-->', '<pre>', '</pre>', '<span>inline</span>', '<?php', '?>', '<!DOCTYPE html>', '<custom-tag>']),
  (random) => pick(random, ['| a | b |', '|---|---|', '| - | - |', 'a | b', '--|--', ':-:|--']),
  (random) => pick(random, TABLE_ROWS),
  (random) => pick(random, ['[ref]: http://x', '[ref]: <http://x> "title"', '    code line', '\tcode tab']),
  (random) => pick(random, PARAGRAPH_BREAKERS),
];

/** Table rows whose cells marked counts by rules of its own: escaped pipes, blank first or last cells, Unicode blanks. */
const TABLE_ROWS = ['a \\| b | c', 'a \\\\| b', '\\|a|', '| a |', '|', ' | ', 'a |', '|\u3000| b', '| a | b | c |', '--|--|--', '|:-|', '-|', '| -- |'];

/** Lines that may or may not interrupt a paragraph (marked's paragraph rule), and text marked's `.` does not match. */
const PARAGRAPH_BREAKERS = [
  '1) one', '1.\tx', '10. ten', '+\tplus', '-\t', '* ', '1.', '1. ', '2. two', '_ _ _', '__', '***x', ' - - -', '-- -\t', '~~', '~~~~', '``` `x`', '``x',
  '#\u2003x', '#######', '####### x', '###x', '#\r', '>x', ' \t ', '\t', 'a\rb', 'x\u2028y', '| x', ':--', '-:', '|-|', ' :-: | -- ', '<div>', '<!-- c -->',
];

/** A paragraph of a line or two, a line that may interrupt it (often indented), and more text. */
function randomParagraph(random: Random): string[] {
  const lines = [pick(random, WORDS)];
  if (random() < 0.5) lines.push(pick(random, WORDS));
  const indent = pick(random, ['', '', '', ' ', '   ', '    ']);
  lines.push(indent + pick(random, random() < 0.7 ? PARAGRAPH_BREAKERS : WORDS), pick(random, WORDS));
  return lines;
}

/** One line: a kind of line, often indented (with spaces, tabs or both). */
function randomLine(random: Random): string {
  const kind = pick(random, LINE_KINDS);
  const indent = random() < 0.45 ? pick(random, INDENTS) : '';
  return indent + kind(random);
}

/** Lines of any kinds in any order. */
function randomLines(random: Random): string[] {
  const count = 1 + Math.floor(random() * 30);
  return Array.from({ length: count }, () => randomLine(random));
}

/**
 * Lists as notes write them: items nested under their parent's content (give or take a column),
 * with continuation lines, blank lines, fenced code and sometimes a line of another kind.
 */
function randomNestedList(random: Random): string[] {
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 20);
  const columns = [0];
  for (let item = 0; item < count; item++) {
    const depth = Math.min(columns.length - 1, Math.floor(random() * columns.length + (random() < 0.3 ? 1 : 0)));
    columns.length = depth + 1;
    const column = Math.max(0, (columns[depth] ?? 0) + pick(random, [0, 0, 0, -1, 1, 2]));
    const bullet = pick(random, ['-', '-', '*', '1.', '2)', '+']);
    const gap = pick(random, [' ', ' ', ' ', '  ', '    ', '      ', '\t']);
    lines.push(`${indentation(random, column)}${bullet}${gap}${pick(random, WORDS)}`);
    const content = column + bullet.length + gap.length;
    columns.push(content);
    lines.push(...itemBody(random, content));
    if (random() < 0.25) lines.push('');
    if (random() < 0.1) lines.push(randomLine(random));
  }
  return lines;
}

/** Blanks `columns` wide, sometimes written with tabs (to stops of 4) as notes often are. */
function indentation(random: Random, columns: number): string {
  if (random() < 0.6) return ' '.repeat(columns);
  return '\t'.repeat(Math.floor(columns / 4)) + ' '.repeat(columns % 4);
}

/** What may follow an item's first line: continuation text, blank lines, code, a lazy line. */
function itemBody(random: Random, content: number): string[] {
  const pad = indentation(random, Math.max(0, content + pick(random, [0, 0, 0, 0, -1, 1, 4])));
  const body: string[] = [];
  const parts = Math.floor(random() * 3);
  for (let part = 0; part < parts; part++) {
    const shape = random();
    if (shape < 0.35) body.push(`${pad}${pick(random, WORDS)}`);
    else if (shape < 0.5) body.push('', `${pad}${pick(random, WORDS)}`);
    else if (shape < 0.65) body.push(`${pad}${pick(random, ['```', '~~~'])}`, `${pad}code`, '', `${pad}  more`, `${pad}${pick(random, ['```', '~~~', ''])}`);
    else if (shape < 0.75) body.push(pick(random, WORDS));
    else if (shape < 0.85) body.push(`${pad}${pick(random, ['===', '---', '# h', '> q', '<div>', '    code'])}`);
    else body.push(`${pad}${pick(random, WORDS)}`, `${pad}${pick(random, WORDS)}`);
  }
  return body;
}

/** A Markdown document (LF line ends) of random blocks, lists and stray lines. */
export function randomBlockMarkdown(random: Random): string {
  const sections = 1 + Math.floor(random() * 4);
  const lines: string[] = [];
  for (let section = 0; section < sections; section++) {
    const shape = random();
    lines.push(...(shape < 0.4 ? randomLines(random) : shape < 0.8 ? randomNestedList(random) : randomParagraph(random)));
    if (random() < 0.5) lines.push('');
  }
  return lines.join('\n') + (random() < 0.7 ? '\n' : '');
}
