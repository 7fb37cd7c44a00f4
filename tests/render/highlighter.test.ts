import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { highlight } from '../../src/render/highlight.js';

const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/gu, '');

describe('the lean highlighter that stands in for cli-highlight', () => {
  it('colours keywords and keeps the code text exactly', () => {
    chalk.level = 1;
    const code = 'def check(fn):\n    return a < b and "x" != \'y\' & 1';
    const out = highlight(code, { language: 'python' });
    expect(out).toContain(chalk.blue('def'));
    expect(plain(out)).toBe(code);
  });

  it('knows the usual fence names of the languages notes use', () => {
    chalk.level = 1;
    for (const language of ['js', 'ts', 'java', 'go', 'sql', 'sh', 'json', 'yaml', 'py']) {
      const out = highlight('select 1', { language });
      expect(plain(out)).toBe('select 1');
    }
    expect(highlight('SELECT id FROM t', { language: 'sql' })).not.toBe('SELECT id FROM t');
  });

  it('returns code in unknown or missing languages unchanged', () => {
    expect(highlight('whatever <x>', { language: 'klingon' })).toBe('whatever <x>');
    expect(highlight('whatever <x>', {})).toBe('whatever <x>');
  });
});
