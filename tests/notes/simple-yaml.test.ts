import { createRequire } from 'node:module';
import fc from 'fast-check';
import type matterType from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../../src/notes/simple-yaml.js';

const matter = createRequire(import.meta.url)('gray-matter') as typeof matterType;

/** What gray-matter (js-yaml) makes of the lines as front matter. */
function grayMatterData(lines: string[]): unknown {
  return matter(['---', ...lines, '---', 'body'].join('\n'), {}).data;
}

describe('readSimpleYaml', () => {
  it.each([
    [['deck: Redis'], { deck: 'Redis' }],
    [['deck: python-85'], { deck: 'python-85' }],
    [['title: 面试题 整理', 'questionLevel: 3'], { title: '面试题 整理', questionLevel: 3 }],
    [['deck:   a.b_c-d'], { deck: 'a.b_c-d' }],
    [['questionLevel: 123456789'], { questionLevel: 123456789 }],
    [['x1: 题目', 'a-b: e2.x_y'], { x1: '题目', 'a-b': 'e2.x_y' }],
    [[], {}],
  ])('%j reads as gray-matter reads it', (lines, data) => {
    expect(readSimpleYaml(lines)).toEqual(data);
    expect(grayMatterData(lines)).toEqual(data);
  });

  it.each([
    ['a value YAML reads otherwise', ['deck: null', 'deck: True', 'questionLevel: 03', 'deck: 1e3', 'deck: 2024-01-01', 'deck: .inf']],
    ['letters beyond ASCII and CJK', ['deck: αβ', 'deck: é', 'deck: Ⅻ']],
    ['a key YAML reads otherwise', ['null: x', 'true: x', '1a: x']],
    ['syntax', ['deck: a: b', 'deck: a #b', 'deck: "a"', 'deck: [a]', 'deck: a ', 'deck:a', 'deck:\ta', 'deck: a  b', '  deck: a', '# comment', '']],
  ])('leaves %s to js-yaml', (_why, lines) => {
    for (const line of lines) expect(readSimpleYaml([line]), line).toBeUndefined();
  });

  it('leaves a repeated key to js-yaml', () => {
    expect(readSimpleYaml(['deck: a', 'deck: b'])).toBeUndefined();
  });

  it('agrees with gray-matter wherever it reads the lines', () => {
    const key = fc.oneof(fc.stringMatching(/^[A-Za-z][\w-]{0,6}$/u), fc.constantFrom('deck', 'title', 'questionLevel', 'null', 'True', 'no'));
    const value = fc.oneof(
      fc.stringMatching(/^[A-Za-z\u4E00-\u9FFF][\w.\u4E00-\u9FFF-]{0,6}(?: [\w.\u4E00-\u9FFF-]{1,4}){0,2}$/u),
      fc.stringMatching(/^\p{L}[\p{L}\p{N}._-]{0,6}$/u),
      fc.stringMatching(/^[1-9]\d{0,10}$/u),
      fc.constantFrom('null', 'NULL', 'true', 'False', 'yes', 'No', 'on', '~', '0', '07', '1_000', '3.0', '1e3', '.nan', '12:30', 'a:b', 'a #b', 'a - b', 'Infinity'),
    );
    const line = fc.tuple(key, fc.constantFrom(': ', ':  '), value).map(([k, separator, v]) => `${k}${separator}${v}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), (lines) => {
        const data = readSimpleYaml(lines);
        if (data !== undefined) expect(data).toEqual(grayMatterData(lines));
      }),
      { numRuns: 2000 },
    );
  });
});
