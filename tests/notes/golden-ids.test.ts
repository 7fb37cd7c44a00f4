import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeckset } from '../../src/notes/load.js';
import { repoRoot } from './support.js';

/**
 * The ids (with their heading lines) that notes which already loaded right had before the loader
 * learned other shapes of notes: a changed id loses that card's history. `content/` ships with
 * prep; the JavaGuide files are in the shared corpus of real notes (absent in a fresh clone).
 */
const golden = JSON.parse(readFileSync(path.join(repoRoot, 'tests/notes/golden-ids.json'), 'utf8')) as Record<string, [number, string][]>;
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

function where(name: string): string {
  return name.startsWith('content/') ? path.join(repoRoot, name) : path.join(corpusDir, name);
}

describe('card ids of notes that already loaded right', () => {
  it('the golden list holds 18 seed cards', () => expect(golden['content/interview-notes.md']).toHaveLength(18));
});

describe('the golden ids', () => {
  it.each(Object.keys(golden))('%s keeps every card id', (name) => {
    const file = where(name);
    if (!existsSync(file)) {
      console.log(`golden ids of ${name} not checked: ${file} not found`);
      return;
    }
    const ids = loadDeckset([file]).cards.map((card): [number, string] => [card.source.line, card.id]);
    // Cards the loader has learned to make may join them; none of these may change or go.
    expect(ids).toEqual(expect.arrayContaining(golden[name] ?? []));
    expect(golden[name]?.length).toBeGreaterThan(0);
  });

  it('keeps them when the files load together (their decks do not collide)', () => {
    const present = Object.keys(golden).filter((name) => existsSync(where(name)));
    const { cards, diagnostics } = loadDeckset(present.map(where));
    for (const name of present) {
      const ids = cards.filter((card) => card.source.file === where(name)).map((card): [number, string] => [card.source.line, card.id]);
      expect(ids, name).toEqual(expect.arrayContaining(golden[name] ?? []));
    }
    expect(diagnostics.filter((each) => each.message.startsWith('deck '))).toEqual([]);
  });
});
