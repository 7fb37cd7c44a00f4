import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type matterType from 'gray-matter';
import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { loadDeckset } from '../../src/notes/load.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

const probe = globalThis as { pwned?: unknown; pwnedControl?: unknown };

afterEach(() => {
  delete probe.pwned;
  delete probe.pwnedControl;
});

/** Front matter in `language` whose code, if run, writes `marker` and sets `globalThis[name]`. */
function payload(language: string, marker: string, name: string): string {
  const code = `{ deck: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'), globalThis.${name} = true, 'pwned') }`;
  return `---${language}\n${code}\n---\n\n## What is A?\n\nA.\n`;
}

const clean = '## What is B?\n\nB.\n';

describe('front matter is data, never code', () => {
  it('the payload is live: gray-matter with its defaults runs it (the control)', () => {
    const root = testdir();
    const marker = path.join(root, 'control');
    const matter = createRequire(import.meta.url)('gray-matter') as typeof matterType;
    const parsed = matter(payload('js', marker, 'pwnedControl'));
    expect(parsed.data).toEqual({ deck: 'pwned' });
    expect(existsSync(marker)).toBe(true);
    expect(probe.pwnedControl).toBe(true);
  });

  it.each(['js', 'javascript', 'JS', 'Javascript', ' js', 'coffee', 'coffeescript', 'cson', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '---%s is not run, is reported at file:1, and the note and the other files still load',
    (language) => {
      const root = testdir({ 'home/': '' });
      const marker = path.join(root, 'pwned');
      const notes = testdir({ 'evil.md': payload(language, marker, 'pwned'), 'clean.md': clean });
      const deckset = loadDeckset([notes]);
      expect(existsSync(marker)).toBe(false);
      expect(probe.pwned).toBeUndefined();
      expect(deckset.cards.map((card) => [path.basename(card.source.file), card.deck, card.question])).toEqual([
        ['clean.md', 'clean', 'What is B?'],
        ['evil.md', 'evil', 'What is A?'],
      ]);
      expect(deckset.diagnostics).toEqual([
        { file: path.join(notes, 'evil.md'), line: 1, message: expect.stringMatching(/language other than YAML or JSON is not read/u) as unknown },
      ]);
    },
  );

  it('prep check names the file and line, exits 0, and runs nothing', async () => {
    const root = testdir({ 'home/': '' });
    const marker = path.join(root, 'pwned');
    const notes = testdir({ 'a.md': payload('javascript', marker, 'pwned'), 'b.md': clean });
    const run = await runPrep(['check'], { PREP_HOME: path.join(root, 'home'), PREP_CONTENT: notes });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${path.join(notes, 'a.md')}:1: front matter in a language other than YAML or JSON is not read`);
    expect(run.stdout).toContain('2 cards in 2 files; 1 problem');
    expect(existsSync(marker)).toBe(false);
    expect(probe.pwned).toBeUndefined();
  });

  it.each([
    ['!!js/function', 'f: !!js/function "function () { globalThis.pwned = true }"'],
    ['!!js/regexp', 'r: !!js/regexp /(a+)+$/'],
    ['!!js/undefined', 'u: !!js/undefined ""'],
  ])('YAML with a %s tag is refused at the tag line, not executed', (_tag, line) => {
    const notes = testdir({ 'tagged.md': `---\ntitle: Tagged\n${line}\n---\n\n## What is A?\n\nA.\n`, 'clean.md': clean });
    const deckset = loadDeckset([notes]);
    expect(probe.pwned).toBeUndefined();
    expect(deckset.cards.map((card) => card.deck)).toEqual(['clean', 'tagged']);
    expect(deckset.diagnostics).toEqual([{ file: path.join(notes, 'tagged.md'), line: 3, message: expect.stringMatching(/^invalid front matter, ignored: unknown tag/u) as unknown }]);
  });

  it.each([
    ['bad indentation', '---\ntitle: ok\n  bad: indentation\n---\n', 3],
    ['an unclosed flow sequence', '---\ntitle: ok\ndeck: [unclosed\n---\n', 4],
    ['a duplicated key', '---\ntitle: one\ntitle: two\n---\n', 3],
    ['an unterminated string', '---\ntitle: ok\ndeck: "open\n---\n', 4],
  ])('invalid YAML (%s) gives file:line, and the other files still load', async (_name, front, line) => {
    const root = testdir({ 'home/': '' });
    const notes = testdir({ 'broken.md': `${front}\n## What is A?\n\nA.\n`, 'clean.md': clean });
    const run = await runPrep(['check'], { PREP_HOME: path.join(root, 'home'), PREP_CONTENT: notes });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${path.join(notes, 'broken.md')}:${line}: invalid front matter, ignored:`);
    expect(run.stdout).toContain(`${path.join(notes, 'broken.md')}: 1 card`);
    expect(run.stdout).toContain(`${path.join(notes, 'clean.md')}: 1 card`);
    const shown = await runPrep(['show', '--json'], { PREP_HOME: path.join(root, 'home'), PREP_CONTENT: notes });
    expect((JSON.parse(shown.stdout) as Card[]).map((card) => card.deck)).toEqual(['broken', 'clean']);
  });

  it('a YAML alias bomb ("billion laughs") is read quickly, as references', { timeout: 20_000 }, () => {
    const levels = Array.from({ length: 12 }, (_, level) => `l${level + 1}: &l${level + 1} [${Array(10).fill(`*l${level}`).join(', ')}]`);
    const notes = testdir({ 'bomb.md': `---\nl0: &l0 "lol"\n${levels.join('\n')}\ntitle: Laughs\n---\n\n## What is A?\n\nA.\n` });
    const started = performance.now();
    const deckset = loadDeckset([notes]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(deckset.cards.map((card) => card.deck)).toEqual(['Laughs']);
  });

  it('JSON front matter is read as data', () => {
    const notes = testdir({ 'json.md': '---json\n{ "title": "From JSON", "__proto__": { "deck": "polluted" } }\n---\n\n## What is A?\n\nA.\n' });
    const deckset = loadDeckset([notes]);
    expect(deckset.cards.map((card) => card.deck)).toEqual(['From JSON']);
    expect(({} as { deck?: unknown }).deck).toBeUndefined();
  });

  it('a line of four dashes opens no front matter: the questions under it load', () => {
    const notes = testdir({ 'rule.md': '----\n\n## What is A?\n\nA.\n\n---\n\n## What is B?\n\nB.\n' });
    const deckset = loadDeckset([notes]);
    expect(deckset.cards.map((card) => card.question)).toEqual(['What is A?', 'What is B?']);
    expect(deckset.diagnostics).toEqual([]);
  });
});
