// A damaged review log: torn and garbled lines are skipped with warnings naming file:line, the
// rest is folded, and prep only ever appends — the log is never truncated or rewritten.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeEvent } from '../../src/store/events.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { revealAndGrade, type Step } from '../quiz/script.js';
import { deck, expectRebuildsAgree, scriptedQuiz } from './support.js';

const day1 = '2026-03-02T09:00:00+08:00';
const day2 = '2026-03-03T09:00:00+08:00';

function place(): { home: string; notes: string; clean: string } {
  const root = testdir({ 'notes/faults.md': deck, 'home/': '', 'clean/': '' });
  return { home: join(root, 'home'), notes: join(root, 'notes'), clean: join(root, 'clean') };
}

/** Bytes that are no JSON: NULs (a power cut on some file systems), invalid UTF-8, half a line. */
const GARBLED = Buffer.concat([Buffer.from('{"v":1,"type":"review","id":'), Buffer.from([0x00, 0x00, 0xff, 0xfe, 0xc3]), Buffer.from('oops')]);

const isPrefixOf = (before: Buffer, after: Buffer): boolean => after.length >= before.length && after.subarray(0, before.length).equals(before);

describe('a torn last line and a garbled middle line', () => {
  it('warn with file:line, the other events are folded, and the next answers are appended after the torn bytes', async () => {
    const where = place();
    const first = await scriptedQuiz(where.home, where.notes, day1, [
      ...revealAndGrade('What is alpha?', 3),
      ...revealAndGrade('What is bravo?', 4),
      ...revealAndGrade('What is charlie?', 1),
      { on: 'question', do: 'quit' },
    ]);
    expect(first.code).toBe(0);
    const file = reviewLogPath(where.home);
    const whole = readFileSync(file, 'utf8').trim().split('\n');
    expect(whole).toHaveLength(3);
    const events = readLog(where.home).events;

    // A copy of the intact lines elsewhere: what prep must derive from the damaged log.
    writeFileSync(reviewLogPath(where.clean), `${whole.join('\n')}\n`);
    const tornLine = serializeEvent({ ...events[0], id: 'torn-1', card: 'faults/what-is-delta' } as (typeof events)[number]);
    const damaged = Buffer.concat([
      Buffer.from(`${whole[0]}\n`),
      GARBLED,
      Buffer.from(`\n${whole[1]}\n${whole[2]}\n`),
      Buffer.from(tornLine.slice(0, 57)),
    ]);
    writeFileSync(file, damaged);

    const read = readLog(where.home);
    expect(read.events).toEqual(events);
    expect(read.warnings.map((warning) => `${warning.file}:${warning.line}`)).toEqual([`${file}:2`, `${file}:5`]);
    expect(read.warnings[0]?.message).toMatch(/^skipped a log line: not a complete JSON line \(torn or garbled\)$/u);
    expect(read.warnings[1]?.message).toMatch(/the last line, cut short/u);

    // Every command that reads the log: the warnings on stderr, then the same figures as from the intact lines.
    for (const args of [['due', '--json'], ['stats', '--json']]) {
      const env = { PREP_NOW: day2, PREP_FUZZ: '0' };
      const damagedRun = await runPrep(['--content', where.notes, ...args], { ...env, PREP_HOME: where.home });
      const cleanRun = await runPrep(['--content', where.notes, ...args], { ...env, PREP_HOME: where.clean });
      expect(damagedRun.code).toBe(0);
      expect(damagedRun.stderr.trim().split('\n')).toEqual([
        `prep: warning: ${file}:2: skipped a log line: not a complete JSON line (torn or garbled)`,
        `prep: warning: ${file}:5: skipped a log line: not a complete JSON line (torn or garbled) (the last line, cut short: was prep interrupted?)`,
      ]);
      expect(cleanRun.stderr).toBe('');
      expect(damagedRun.stdout).toBe(cleanRun.stdout);
    }
    expect(readFileSync(file).equals(damaged), 'reading never changes the log').toBe(true);

    // The next session appends after the torn bytes, on a new line; nothing before them changes.
    const inode = statSync(file).ino;
    const second = await scriptedQuiz(where.home, where.notes, day2, [{ on: 'question', do: 'reveal' }, { on: 'answer', do: 3 }, { on: 'question', do: 'quit' }]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${file}:5: skipped a log line`);
    const after = readFileSync(file);
    expect(isPrefixOf(damaged, after), 'the log after the session extends the log before it').toBe(true);
    expect(after.subarray(damaged.length, damaged.length + 1).toString()).toBe('\n');
    expect(statSync(file).ino).toBe(inode);
    const reread = readLog(where.home);
    expect(reread.warnings.map((warning) => warning.line)).toEqual([2, 5]);
    expect(reread.warnings[1]?.message).not.toMatch(/last line/u);
    expect(reread.events.slice(0, 3)).toEqual(events);
    expect(reread.events.slice(3).map((event) => event.type)).toEqual(['review']);
    expectRebuildsAgree(reread.events);
  });
});

describe('the log is only ever appended to', () => {
  it('a full quiz session (grades, undo, skip, wait, quit) leaves every earlier byte as it was', async () => {
    const where = place();
    const file = reviewLogPath(where.home);
    // Earlier history, ending without a line break (a whole line: accepted as it is).
    await scriptedQuiz(where.home, where.notes, day1, [...revealAndGrade('What is alpha?', 4), { on: 'question', do: 'quit' }]);
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
    let snapshot = readFileSync(file);
    const inode = statSync(file).ino;
    const growths: number[] = [];
    const check = (): void => {
      const now = readFileSync(file);
      expect(isPrefixOf(snapshot, now), `the log was rewritten:\nbefore ${snapshot.toString()}\nafter ${now.toString()}`).toBe(true);
      expect(statSync(file).ino).toBe(inode);
      growths.push(now.length - snapshot.length);
      snapshot = now;
    };
    const steps: Step[] = [
      { on: 'question', shows: 'What is bravo?', do: 'reveal', before: check },
      { on: 'answer', do: 3, before: check },
      { on: 'question', shows: 'What is charlie?', do: 'undo', before: check },
      { on: 'question', shows: 'What is bravo?', do: 'reveal', before: check },
      { on: 'answer', do: 1, before: check },
      { on: 'question', shows: 'What is charlie?', do: 'skip', before: check },
      { on: 'question', shows: 'What is delta?', do: 'reveal', before: check },
      { on: 'answer', do: 2, before: check },
      { on: 'question', shows: 'What is echo?', do: 'reveal', before: check },
      { on: 'answer', do: 3, before: check },
      { on: 'question', shows: 'What is foxtrot?', do: 'reveal', before: check },
      { on: 'answer', do: 4, before: check },
      { on: 'wait', do: 'now', before: check },
      { on: 'question', do: 'quit', before: check },
    ];
    const run = await scriptedQuiz(where.home, where.notes, '2026-03-02T09:30:00+08:00', steps);
    expect(run.code).toBe(0);
    expect(run.stepsLeft).toBe(0);
    check();
    // An event appended at each step that logs one: review, undo, review, skip, review, review, review.
    expect(growths.filter((growth) => growth > 0)).toHaveLength(7);
    const { events, warnings } = readLog(where.home);
    expect(warnings).toEqual([]);
    expect(events.map((event) => (event.type === 'review' ? `review ${event.rating}` : event.type))).toEqual([
      'review 4',
      'review 3',
      'undo',
      'review 1',
      'skip',
      'review 2',
      'review 3',
      'review 4',
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expectRebuildsAgree(events);
  });
});
