import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

const cacheFile = (home: string): string => path.join(home, 'cache', 'rendered.json');

async function show(notes: string, home: string, options: { columns?: number; color?: boolean } = {}): Promise<string> {
  const run = await runPrep(['--content', notes, 'show', 'tcp'], { PREP_HOME: home }, { columns: options.columns ?? 80, ...(options.color === undefined ? {} : { color: options.color }) });
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('the render cache of prep show is invisible', () => {
  it('serves a card shown before, from the cache', async () => {
    const notes = testdir({ 'net.md': '## What is TCP?\n\nA **reliable** stream.\n' });
    const home = testdir();
    const first = await show(notes, home);
    expect(first).toContain('A reliable stream.');
    // Prove the second run reads the cache: change what it holds, not the note.
    writeFileSync(cacheFile(home), readFileSync(cacheFile(home), 'utf8').replace('A reliable stream.', 'From the cache.'));
    expect(await show(notes, home)).toContain('From the cache.');
  });

  it('renders again when the answer, the width or the colour changes', async () => {
    const notes = testdir({ 'net.md': '## What is TCP?\n\nA reliable byte stream between two hosts that keeps order.\n' });
    const home = testdir();
    const wide = await show(notes, home, { columns: 100 });
    const narrow = await show(notes, home, { columns: 30 });
    expect(narrow).not.toBe(wide);
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(30);
    const coloured = await show(notes, home, { color: true });
    expect(coloured).toMatch(/\u001b\[/u);
    expect(await show(notes, home, { color: false })).not.toMatch(/\u001b\[/u);
    writeFileSync(path.join(notes, 'net.md'), '## What is TCP?\n\nAn edited answer.\n');
    expect(await show(notes, home)).toContain('An edited answer.');
  });

  it('ignores a corrupt or foreign cache file', async () => {
    const notes = testdir({ 'net.md': '## What is TCP?\n\nA reliable stream.\n' });
    const home = testdir();
    await show(notes, home);
    for (const garbage of ['{nope', 'null', '{"version":"other","entries":[]}', '{"version":"source","entries":[[1,2],"x"]}']) {
      writeFileSync(cacheFile(home), garbage);
      expect(await show(notes, home)).toContain('A reliable stream.');
    }
  });
});
