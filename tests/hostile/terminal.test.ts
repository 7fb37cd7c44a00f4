import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { newCardState } from '../../src/schedule/state.js';
import { appendEvent } from '../../src/store/log.js';
import { runPrep, type CliRun } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { assertNoControl } from './control.js';
import { EVIL_DECK_NOTE, EVIL_FILE, EVIL_NOTE, RAW_ATTACKS, RAW_FRONT_MATTER_NOTE } from './notes.js';

const NOW = '2026-11-24T09:00:00+08:00';

/** A data directory and a notes folder of hostile notes (one of them with an escape sequence in its file name). */
function hostile(): { env: NodeJS.ProcessEnv; home: string; notes: string } {
  const root = testdir({
    [`notes/${EVIL_FILE}`]: EVIL_NOTE,
    'notes/deck.md': EVIL_DECK_NOTE,
    'notes/raw-front-matter.md': RAW_FRONT_MATTER_NOTE,
    [`notes/sub${RAW_ATTACKS.clipboard}dir/nested.md`]: '## Nested question?\n\nNested answer.\n',
    'home/': '',
  });
  const home = path.join(root, 'home');
  const notes = path.join(root, 'notes');
  return { env: { PREP_HOME: home, PREP_CONTENT: notes, PREP_NOW: NOW, PREP_FUZZ: '0' }, home, notes };
}

/** Both streams of a run are clean. */
function assertClean(run: CliRun, colour: boolean, what: string): void {
  assertNoControl(run.stdout, { colour, where: `${what}: stdout` });
  assertNoControl(run.stderr, { colour, where: `${what}: stderr` });
}

async function cards(env: NodeJS.ProcessEnv): Promise<Card[]> {
  const run = await runPrep(['show', '--json'], env);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Card[];
}

describe('control characters in notes never reach the terminal', () => {
  it('the notes really hold them: the JSON keeps them, escaped, and is valid', async () => {
    const { env } = hostile();
    const run = await runPrep(['show', '--json'], env);
    expect(run.code).toBe(0);
    assertClean(run, false, 'prep show --json');
    const all = JSON.parse(run.stdout) as Card[];
    const evil = all.find((card) => card.question.includes('evilword') && card.question.startsWith('Why'));
    expect(evil).toBeDefined();
    // Nothing lost: the question, answer, deck and file name come back byte for byte.
    expect(evil?.question).toContain(RAW_ATTACKS.clear);
    expect(evil?.question).toContain(RAW_ATTACKS.csi8);
    expect(evil?.answer).toContain(RAW_ATTACKS.clipboard);
    expect(evil?.deck).toBe('Evil \u001b]52;c;aGVsbG8=\u0007 deck \u001b[2J\u009b31m');
    expect(evil?.path[0]).toContain(RAW_ATTACKS.nel);
    expect(path.basename(evil?.source.file ?? '')).toBe(EVIL_FILE);
    expect(all.some((card) => card.deck.includes('\u001b[2J\u0085\u007f'))).toBe(true);
  });

  for (const colour of [false, true]) {
    for (const columns of [40, 100]) {
      it(`prep show renders them harmless (colour ${colour ? 'on' : 'off'}, ${columns} columns)`, async () => {
        const { env } = hostile();
        const run = await runPrep(['show', 'evilword'], env, { columns, color: colour });
        expect(run.code).toBe(0);
        assertClean(run, colour, 'prep show');
        expect(run.stdout).toContain('Section');
        expect(run.stdout).toContain('How about');
        expect(run.stdout).toContain('Inside');
        expect(run.stdout).toContain('quote');
        expect(run.stdout).toContain('cell');
        if (!colour) expect(run.stdout).not.toContain('\u001b');
      });
    }
  }

  it('prep show --list and prep show with no query', async () => {
    const { env } = hostile();
    for (const colour of [false, true]) {
      const listed = await runPrep(['show', '--list'], env, { columns: 60, color: colour });
      expect(listed.code).toBe(0);
      assertClean(listed, colour, 'prep show --list');
      expect(listed.stdout.split('\n').filter(Boolean).length).toBe((await cards(env)).length);
      const all = await runPrep(['show'], env, { columns: 200, color: colour });
      assertClean(all, colour, 'prep show');
    }
  });

  it('the card id and a search by an evil word', async () => {
    const { env } = hostile();
    const evil = (await cards(env)).find((card) => card.question.startsWith('Why'));
    const byId = await runPrep(['show', evil?.id ?? ''], env, { color: true });
    expect(byId.code).toBe(0);
    assertClean(byId, true, 'prep show <id>');
    const byEscape = await runPrep(['show', `evilword${RAW_ATTACKS.clear}`], env, { color: true });
    assertClean(byEscape, true, 'prep show <query with ESC>');
  });

  it('no match: the error quotes the query and suggests evil sections, all sanitised', async () => {
    const { env } = hostile();
    for (const colour of [false, true]) {
      const run = await runPrep(['show', `${RAW_ATTACKS.clipboard}section${RAW_ATTACKS.clear}wordz`], env, { color: colour });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^prep: no card matches "sectionwordz"; closest: "Section /u);
      assertClean(run, colour, 'prep show (no match)');
    }
  });

  it('prep check quotes an evil empty heading, evil front matter and evil file names, sanitised', async () => {
    const { env } = hostile();
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(0);
    assertClean(run, false, 'prep check');
    expect(run.stdout).toMatch(/evil\.md:\d+: empty question "Empty /u);
    expect(run.stdout).toMatch(/raw-front-matter\.md:2: invalid front matter, ignored: the stream contains non-printable characters/u);
    expect(run.stdout).toMatch(/evil\.md: 3 cards/u);
    expect(run.stdout).toMatch(/sub\S*dir[/\\]nested\.md: 1 card/u);
  });

  it('prep due lists evil cards safely', async () => {
    const { env } = hostile();
    for (const colour of [false, true]) {
      const run = await runPrep(['due'], env, { columns: 80, color: colour });
      expect(run.code).toBe(0);
      assertClean(run, colour, 'prep due');
      expect(run.stdout).toContain('evilword');
    }
    const json = await runPrep(['due', '--json'], env);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  it('prep stats: topics table and leeches with evil section names and questions', async () => {
    const { env, home } = hostile();
    const evil = (await cards(env)).find((card) => card.question.startsWith('Why'));
    if (!evil) throw new Error('no evil card');
    const at = new Date('2026-11-23T20:00:00+08:00');
    appendEvent(home, {
      type: 'review',
      id: 'e1',
      card: evil.id,
      at,
      rating: 1,
      ms: 5000,
      phaseBefore: 'review',
      state: { ...newCardState(at), phase: 'relearning', due: new Date('2026-11-23T20:10:00+08:00'), stability: 1, difficulty: 8, reps: 20, lapses: 8, lastReview: at },
    });
    for (const colour of [false, true]) {
      for (const columns of [40, 100]) {
        const run = await runPrep(['stats'], env, { columns, color: colour });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        assertClean(run, colour, `prep stats (${columns} columns)`);
        expect(run.stdout).toMatch(/8 lapses/u);
      }
    }
    const scoped = await runPrep(['stats', RAW_ATTACKS.clear, 'evilword'], env, { color: true });
    expect(scoped.code).toBe(0);
    assertClean(scoped, true, 'prep stats <query with ESC>');
    const json = await runPrep(['stats', '--json'], env);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { leeches: { question: string }[] }).leeches[0]?.question).toBe(evil.question);
  });

  it('the bare prep dashboard', async () => {
    const { env } = hostile();
    for (const colour of [false, true]) {
      const run = await runPrep([], env, { color: colour });
      expect(run.code).toBe(0);
      assertClean(run, colour, 'prep');
      expect(run.stdout).toContain('Next:');
    }
  });

  it('--deck with an escape sequence in the error message', async () => {
    const { env } = hostile();
    const stats = await runPrep(['stats', '--deck', `no${RAW_ATTACKS.clear}such${RAW_ATTACKS.clipboard}`], env, { color: true });
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(/^prep: no deck named "nosuch"; the decks are: /u);
    assertClean(stats, true, 'prep stats --deck');
    const matching = await runPrep(['stats', '--deck', 'Evil \u001b]52;c;aGVsbG8=\u0007 deck \u001b[2J\u009b31m', 'nomatchzz'], env);
    expect(matching.code).toBe(1);
    assertClean(matching, false, 'prep stats --deck <evil deck> <no match>');
    const due = await runPrep(['due', '--deck', `no${RAW_ATTACKS.clear}such`], env);
    assertClean(due, false, 'prep due --deck');
  });

  it('prep config set: a bad value with an escape sequence is refused without echoing it raw', async () => {
    const { env } = hostile();
    const run = await runPrep(['config', 'set', 'newPerDay', `x${RAW_ATTACKS.clear}`], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^prep: newPerDay must be a whole number/u);
    assertClean(run, false, 'prep config set newPerDay <evil>');
  });

  it('an unknown command, an unknown setting and a missing content folder are quoted sanitised', async () => {
    const { env } = hostile();
    const cases: [string[], number, RegExp][] = [
      [[`sh${RAW_ATTACKS.clear}ow`], 2, /^prep: unknown command "show"/u],
      [['config', 'set', `key${RAW_ATTACKS.clear}`, 'x'], 1, /^prep: unknown setting "key"/u],
      [['--content', `gone${RAW_ATTACKS.clear}`, 'show'], 1, /^prep: content folder not found: \S*gone\n$/u],
    ];
    for (const [args, code, message] of cases) {
      const run = await runPrep(args, env);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      assertClean(run, false, `prep ${args.join(' ')}`);
    }
  });

  it('a symlinked note with an evil name loads and lists cleanly', async () => {
    const { env, notes } = hostile();
    symlinkSync(path.join(notes, 'deck.md'), path.join(notes, `link${RAW_ATTACKS.bel}.md`));
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(0);
    assertClean(run, false, 'prep check');
    expect(run.stdout).toMatch(/link\.md: 1 card \(headings at level \d\)\n/u);
  });
});

describe('settings, commander errors and JSON of due and stats', () => {
  it('prep config set/get/list never print an escape sequence the user typed', async () => {
    const { env } = hostile();
    const set = await runPrep(['config', 'set', 'editor', RAW_ATTACKS.clear], env);
    expect(set.code).toBe(0);
    assertClean(set, false, 'prep config set editor');
    assertClean(await runPrep(['config', 'get', 'editor'], env), false, 'prep config get editor');
    assertClean(await runPrep(['config', 'list'], env), false, 'prep config list');
  });

  it("an unknown option is quoted clean in commander's error", async () => {
    const run = await runPrep(['show', `--li${RAW_ATTACKS.clipboard}st`], hostile().env);
    expect(run.code).toBe(2);
    assertClean(run, false, 'prep show <evil option>');
  });

  it('prep stats --json escapes C1 controls', async () => {
    const run = await runPrep(['stats', '--json'], hostile().env);
    expect(run.code).toBe(0);
    assertClean(run, false, 'prep stats --json');
  });

  it('prep due --json escapes C1 controls', async () => {
    const run = await runPrep(['due', '--json'], hostile().env);
    expect(run.code).toBe(0);
    assertClean(run, false, 'prep due --json');
  });
});
