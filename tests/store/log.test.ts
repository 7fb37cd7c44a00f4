import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PrepError } from '../../src/errors.js';
import { serializeEvent, type LogEvent } from '../../src/store/events.js';
import { appendEvent, readLog, reviewLogPath } from '../../src/store/log.js';
import { testdir } from '../helpers/testdir.js';
import { review, sampleState, undo } from './sample.js';
import { transpileForNode } from './transpile.js';

const at = new Date('2026-11-24T01:30:00.000Z');
const events: LogEvent[] = [
  review('r1', 'sql/index', at, sampleState(1, 'learning'), 3, 'new', 5210),
  { type: 'skip', id: 's1', card: 'os/paging', at },
  undo('u1', 'sql/index', at, 'r1'),
  { type: 'practice', id: 'p1', card: 'os/paging', at, rating: 2, ms: 1200 },
];


describe('appendEvent / readLog', () => {
  it('round-trips events, one line each, in order', () => {
    const dir = join(testdir(), 'data');
    for (const event of events) {
      appendEvent(dir, event);
    }
    const text = readFileSync(reviewLogPath(dir), 'utf8');
    expect(text.split('\n')).toEqual([...events.map(serializeEvent), '']);
    expect(readLog(dir)).toEqual({ events, warnings: [] });
  });

  it('writes `at` with the local UTC offset', () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const dir = testdir();
      appendEvent(dir, events[1] as LogEvent);
      expect(readFileSync(reviewLogPath(dir), 'utf8')).toContain('"at":"2026-11-24T07:00:00.000+05:30"');
      expect(readLog(dir).events[0]?.at).toEqual(at);
    } finally {
      if (savedTz === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = savedTz;
      }
    }
  });

  it('reads a missing log as empty', () => {
    expect(readLog(join(testdir(), 'nowhere'))).toEqual({ events: [], warnings: [] });
  });

  it('creates the log private to the user', () => {
    const dir = testdir();
    appendEvent(dir, events[1] as LogEvent);
    expect(statSync(reviewLogPath(dir)).mode & 0o777).toBe(0o600);
  });
});

describe('a damaged log', () => {
  it('skips a torn last line with a warning; the next append keeps it and adds a whole line', () => {
    const dir = testdir();
    const file = reviewLogPath(dir);
    const whole = `${serializeEvent(events[0] as LogEvent)}\n`;
    const torn = serializeEvent(events[1] as LogEvent).slice(0, 40);
    writeFileSync(file, whole + torn);

    const before = readLog(dir);
    expect(before.events).toEqual([events[0]]);
    expect(before.warnings).toEqual([{ file, line: 2, message: expect.stringMatching(/not a complete JSON line.*last line, cut short/) as unknown }]);

    appendEvent(dir, events[2] as LogEvent);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(whole + torn)).toBe(true);
    expect(after).toBe(`${whole}${torn}\n${serializeEvent(events[2] as LogEvent)}\n`);
    expect(readLog(dir).events).toEqual([events[0], events[2]]);
    expect(readLog(dir).warnings.map((warning) => warning.line)).toEqual([2]);
  });

  it('skips garbled lines, newer formats and repeated ids with warnings naming file and line', () => {
    const dir = testdir();
    const file = reviewLogPath(dir);
    const lines = [
      serializeEvent(events[0] as LogEvent),
      'garbage',
      '',
      JSON.stringify({ v: 2, type: 'hologram', id: 'h1', card: 'x', at: '2027-01-01T00:00:00.000Z' }),
      serializeEvent(events[0] as LogEvent),
      `${serializeEvent(events[1] as LogEvent)}\r`,
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { events: read, warnings } = readLog(dir);
    expect(read).toEqual([events[0], events[1]]);
    expect(warnings.map(({ file: where, line }) => `${where}:${line}`)).toEqual([`${file}:2`, `${file}:4`, `${file}:5`]);
    expect(warnings[1]?.message).toMatch(/newer prep/);
    expect(warnings[2]?.message).toMatch(/event id r1 appears earlier/);
  });

  it('accepts a whole last line that lacks its line break, and appends after it on a new line', () => {
    const dir = testdir();
    const file = reviewLogPath(dir);
    writeFileSync(file, serializeEvent(events[0] as LogEvent));
    appendEvent(dir, events[1] as LogEvent);
    expect(readLog(dir)).toEqual({ events: [events[0], events[1]], warnings: [] });
  });
});

describe('an unwritable data directory', () => {
  it('is a PrepError naming the path when the data directory is under a file (ENOTDIR)', () => {
    const root = testdir({ 'plain-file': 'x' });
    const dir = join(root, 'plain-file', 'data');
    expect(() => appendEvent(dir, events[0] as LogEvent)).toThrow(PrepError);
    expect(() => appendEvent(dir, events[0] as LogEvent)).toThrow(`${dir}: a part of the path is not a folder (ENOTDIR)`);
    expect(readFileSync(join(root, 'plain-file'), 'utf8')).toBe('x');
  });

  it('is a PrepError naming the log when the log is a folder (EISDIR)', () => {
    const dir = testdir({ 'reviews.jsonl/': '' });
    expect(() => appendEvent(dir, events[0] as LogEvent)).toThrow(`${reviewLogPath(dir)}: it is a folder (EISDIR)`);
    expect(() => readLog(dir)).toThrow(PrepError);
  });

  it.skipIf(!existsSync('/dev/full'))('is a PrepError naming the log on a full disk (ENOSPC), and writes no partial line', () => {
    const dir = testdir();
    symlinkSync('/dev/full', reviewLogPath(dir));
    expect(() => appendEvent(dir, events[0] as LogEvent)).toThrow(`cannot write the review log ${reviewLogPath(dir)}: no space left on the device (ENOSPC)`);
  });

});

describe('concurrent appends', () => {
  it('lose nothing and never interleave when three processes append at once', async () => {
    const dir = testdir();
    mkdirSync(dir, { recursive: true });
    const logModule = pathToFileURL(transpileForNode('src/store/log.ts')).href;
    const perChild = 500;
    const child = `
      const { appendEvent } = await import(${JSON.stringify(logModule)});
      const [dir, name, count] = process.argv.slice(1);
      const state = ${JSON.stringify(JSON.parse(serializeEvent(events[0] as LogEvent)).state)};
      const parsedState = { ...state, due: new Date(state.due), lastReview: new Date(state.lastReview) };
      for (let i = 0; i < Number(count); i++) {
        appendEvent(dir, { type: 'review', id: name + '-' + i, card: name + '/card-' + i, at: new Date(), rating: 3, ms: i, phaseBefore: 'new', state: parsedState });
      }
    `;
    const names = ['alpha', 'beta', 'gamma'];
    const runs = names.map(
      (name) =>
        new Promise<number | null>((done, fail) => {
          const proc = spawn(process.execPath, ['--input-type=module', '-e', child, dir, name, String(perChild)], { stdio: ['ignore', 'inherit', 'inherit'] });
          proc.on('error', fail);
          proc.on('exit', done);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);

    const text = readFileSync(reviewLogPath(dir), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    // A writer can see another's line half-way through its write and start its own with a line
    // break (the torn-line guard): that leaves an empty line, which readers skip. Events matter.
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(names.length * perChild);
    for (const line of lines) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    const { events: read, warnings } = readLog(dir);
    expect(warnings).toEqual([]);
    for (const name of names) {
      const ids = read.filter((event) => event.id.startsWith(`${name}-`)).map((event) => event.id);
      expect(ids).toEqual(Array.from({ length: perChild }, (_, i) => `${name}-${i}`));
    }
  });
});
