// The data directory unusable: read-only, permission denied, disk full, file size limit. Each is
// a clear one-line error naming the path, exit code 2, no stack trace, and the log as it was.
// Permissions do not stop root, so when the tests run as root (as CI does) prep runs as `nobody`.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { serializeEvent } from '../../src/store/events.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { settingsPath } from '../../src/store/settings.js';
import { shellQuote } from '../e2e/tmux.js';
import { review, sampleState } from '../store/sample.js';
import { transpileForNode } from '../store/transpile.js';
import { Pty } from './pty.js';
import { bin, deck, root, runBin, sharedTestdir, unprivileged, type ChildRun } from './support.js';

const day1 = '2026-03-02T09:00:00+08:00';

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  }
}, 130_000);

interface Place {
  home: string;
  notes: string;
  log: string;
}

/** Notes and a data directory (with two answers logged) that the user prep runs as owns. */
function place(): Place {
  const dir = sharedTestdir({ 'notes/faults.md': deck, 'home/': '' });
  const home = join(dir, 'home');
  const log = reviewLogPath(home);
  const at = new Date('2026-03-01T01:00:00Z');
  writeFileSync(log, `${serializeEvent(review('r1', 'seed/a', at, sampleState(1, 'learning'), 3, 'new'))}\n${serializeEvent(review('r2', 'seed/b', at, sampleState(2), 4, 'new'))}\n`, { mode: 0o600 });
  giveToUser(home);
  // Permissions are restored at the end so that the test directory can be removed.
  onTestFinished(() => {
    for (const path of [home, log, settingsPath(home)]) {
      if (existsSync(path)) chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
    }
  });
  return { home, notes: join(dir, 'notes'), log };
}

/** Makes `path` (and what is in it) belong to the user prep runs as. */
function giveToUser(path: string): void {
  if (unprivileged === undefined) return;
  chownSync(path, unprivileged.uid, unprivileged.gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) giveToUser(join(path, name));
}

/**
 * Makes `path` someone else's, with `mode`: root's when prep runs as nobody; otherwise the user's
 * own, with what `mode` allows others as what everyone may do (0644 → 0444).
 */
function takeFromUser(path: string, mode: number): void {
  if (unprivileged !== undefined) chownSync(path, 0, 0);
  chmodSync(path, unprivileged !== undefined ? mode : (mode & 0o7) * 0o111);
}

const envFor = (where: Place): Record<string, string> => ({ PREP_HOME: where.home, PREP_NOW: day1, PREP_FUZZ: '0', TZ: 'Asia/Shanghai' });

function prep(where: Place, ...args: string[]): Promise<ChildRun> {
  return runBin(['--content', where.notes, ...args], envFor(where), { asUser: true });
}

/** A clear error: exit 2, one line `prep: …` naming `path`, nothing else on stderr, no stack trace. */
function expectOneLineError(run: ChildRun, path: string, reason: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^prep: cannot /u);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(reason);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /u);
}

interface QuizEnd {
  code: number | null;
  output: string;
  /** The last line prep printed. */
  last: string;
}

/**
 * `prep quiz` in a pseudo-terminal (as the test user unless `asUser` is false): shows the first
 * card, reveals it, runs `beforeGrade`, grades it Good, and returns how prep ended. `wrap`
 * prefixes the node command.
 */
async function quizOneGrade(where: Place, options: { beforeGrade?: () => void; wrap?: string; asUser?: boolean } = {}): Promise<QuizEnd> {
  const { beforeGrade = () => undefined, wrap = '', asUser = true } = options;
  const command = `${wrap}node ${shellQuote(bin)} --content ${shellQuote(where.notes)} quiz`;
  const pty = new Pty(command, { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', NODE_OPTIONS: '', ...envFor(where) }, asUser ? unprivileged : undefined);
  onTestFinished(() => pty.kill());
  await pty.until(() => pty.exit !== undefined || pty.screen.includes('Space show answer'), 'the first card');
  pty.type(' ');
  await pty.until(() => pty.exit !== undefined || /1 Again/u.test(pty.screen), 'the answer');
  if (pty.exit === undefined) {
    beforeGrade();
    pty.type('3');
  }
  const { code } = await pty.ended();
  const output = pty.output;
  return { code, output, last: output.trimEnd().split('\n').at(-1) ?? '' };
}

function expectQuizError(end: QuizEnd, path: string, reason: RegExp): void {
  expect(end.code, end.output).toBe(2);
  expect(end.last).toMatch(/^prep: cannot /u);
  expect(end.last).toContain(path);
  expect(end.last).toMatch(reason);
  expect(end.output).not.toMatch(/unexpected error|\n\s+at /u);
}

describe('a read-only data directory', () => {
  it('still lets prep due and prep stats read, and writes nothing', async () => {
    const where = place();
    const before = await prep(where, 'due', '--json');
    expect(before.code, before.stderr).toBe(0);
    const stats = await prep(where, 'stats', '--json');
    expect(stats.code, stats.stderr).toBe(0);
    chmodSync(where.log, 0o444);
    chmodSync(where.home, 0o555);
    const listing = readdirSync(where.home);
    const logBytes = readFileSync(where.log);
    const due = await prep(where, 'due', '--json');
    expect(due.code, due.stderr).toBe(0);
    expect(due.stdout).toBe(before.stdout);
    expect((await prep(where, 'stats', '--json')).stdout).toBe(stats.stdout);
    expect(readdirSync(where.home)).toEqual(listing);
    expect(readFileSync(where.log).equals(logBytes)).toBe(true);
  });

  it('stops prep quiz at the first grade with an error naming the log, which stays as it was', async () => {
    const where = place();
    chmodSync(where.log, 0o444);
    chmodSync(where.home, 0o555);
    const bytes = readFileSync(where.log);
    expectQuizError(await quizOneGrade(where), where.log, /permission denied \(EACCES\)/u);
    expect(readFileSync(where.log).equals(bytes)).toBe(true);
  });

  it('stops prep quiz naming the log when the log cannot be created', async () => {
    const where = place();
    renameSync(where.log, `${where.log}.elsewhere`);
    chmodSync(where.home, 0o555);
    expectQuizError(await quizOneGrade(where), where.log, /permission denied \(EACCES\)/u);
    expect(existsSync(where.log)).toBe(false);
  });

  it('refuses prep config set, naming the settings file, which stays as it was', async () => {
    const where = place();
    writeFileSync(settingsPath(where.home), '{"newPerDay":7}\n');
    giveToUser(where.home);
    chmodSync(settingsPath(where.home), 0o444);
    chmodSync(where.home, 0o555);
    expectOneLineError(await prep(where, 'config', 'set', 'newPerDay', '5'), settingsPath(where.home), /permission denied \(EACCES\)/u);
    expect(readFileSync(settingsPath(where.home), 'utf8')).toBe('{"newPerDay":7}\n');
    expect(readdirSync(where.home).sort()).toEqual(['reviews.jsonl', 'settings.json']);
    const get = await prep(where, 'config', 'get', 'newPerDay');
    expect(get).toMatchObject({ code: 0, stdout: '7\n', stderr: '' });
  });
});

describe('permission denied', () => {
  it("on a data directory that is someone else's: every command names the path, exit 2", async () => {
    const where = place();
    takeFromUser(where.home, 0o700);
    for (const args of [['due', '--json'], ['stats'], ['config', 'list'], ['config', 'set', 'newPerDay', '5']]) {
      const run = await prep(where, ...args);
      expectOneLineError(run, where.home, /permission denied \(EACCES\)/u);
    }
    const quiz = await quizOneGrade(where);
    expectQuizError(quiz, where.home, /permission denied \(EACCES\)/u);
    expect(quiz.output).not.toContain('Space show answer');
  });

  it("on a log that is someone else's: the error names the log", async () => {
    const where = place();
    takeFromUser(where.log, 0o600);
    expectOneLineError(await prep(where, 'due', '--json'), where.log, /cannot read the review log .*permission denied \(EACCES\)/u);
    expectOneLineError(await prep(where, 'stats', '--json'), where.log, /permission denied \(EACCES\)/u);
  });

  it('on a log that can be read but not written: prep quiz stops at the grade, the log as it was', async () => {
    const where = place();
    takeFromUser(where.log, 0o644);
    const bytes = readFileSync(where.log);
    expectQuizError(await quizOneGrade(where), where.log, /cannot open the review log .*permission denied \(EACCES\)/u);
    expect(readFileSync(where.log).equals(bytes)).toBe(true);
  });
});

describe('a full disk', () => {
  it('stops prep quiz at the grade when the disk fills during the session (the log becomes /dev/full)', async () => {
    const where = place();
    const aside = `${where.log}.real`;
    const bytes = readFileSync(where.log);
    // As the user running the tests: /dev/full is not always writable by others (and needs not be).
    const end = await quizOneGrade(where, {
      asUser: false,
      beforeGrade: () => {
        renameSync(where.log, aside);
        symlinkSync('/dev/full', where.log);
      },
    });
    expectQuizError(end, where.log, /cannot write the review log .*no space left on the device \(ENOSPC\)/u);
    expect(readFileSync(aside).equals(bytes)).toBe(true);
  });

  it('gives an error, not a hang, when the log is /dev/full at start', async () => {
    const where = place();
    renameSync(where.log, `${where.log}.real`);
    symlinkSync('/dev/full', where.log);
    expectOneLineError(await prep(where, 'due', '--json'), where.log, /cannot read the review log/u);
  });

  it('stops prep quiz at the grade when the file size limit is reached, writing nothing', async () => {
    const where = place();
    const bytes = readFileSync(where.log);
    const end = await quizOneGrade(where, { wrap: `prlimit --fsize=${bytes.length} ` });
    expectQuizError(end, where.log, /cannot write the review log .*\(EFBIG\)/u);
    expect(readFileSync(where.log).equals(bytes)).toBe(true);
  });

  it('leaves at most the answer being given as a torn last line when the limit cuts it, which the next start skips', async () => {
    const where = place();
    const bytes = readFileSync(where.log);
    const end = await quizOneGrade(where, { wrap: `prlimit --fsize=${bytes.length + 100} ` });
    expectQuizError(end, where.log, /cannot write the review log .*only 100 of \d+ bytes written \(is the disk full\?\)/u);
    const after = readFileSync(where.log);
    expect(after.subarray(0, bytes.length).equals(bytes)).toBe(true);
    const { events, warnings } = readLog(where.home);
    expect(events.map((event) => event.id)).toEqual(['r1', 'r2']);
    expect(warnings.map((warning) => `${warning.line} ${warning.message}`)).toEqual([expect.stringMatching(/^3 .*last line, cut short/u)]);
    const due = await prep(where, 'due', '--json');
    expect(due.code).toBe(0);
    expect(due.stderr).toMatch(/reviews\.jsonl:3: skipped a log line/u);
  });
});

describe('the store functions as an unprivileged user (tests/store skips these as root)', () => {
  /** Runs `code` (an ES module body) in a child node as the test user, with `modules` transpiled from src; returns its stdout as JSON. */
  function runAsUser(code: string, modules: Record<string, string>): unknown {
    const imports = Object.entries(modules).map(([name, entry]) => {
      const path = transpileForNode(entry);
      const out = path.slice(0, path.indexOf('/', path.indexOf('.prep-test-')));
      execFileSync('chmod', ['-R', 'a+rX', out]);
      return `const ${name} = await import(${JSON.stringify(pathToFileURL(path).href)});`;
    });
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', `${imports.join('\n')}\n${code}`], {
      encoding: 'utf8',
      cwd: dirname(bin),
      ...(unprivileged ?? {}),
    });
    return JSON.parse(stdout) as unknown;
  }

  it('appendEvent in a read-only folder: a PrepError naming the log, and the log unchanged', () => {
    const where = place();
    chmodSync(where.log, 0o400);
    chmodSync(where.home, 0o500);
    const before = readFileSync(where.log);
    const event = review('r3', 'seed/c', new Date('2026-03-02T01:00:00Z'), sampleState(1), 3, 'new');
    const result = runAsUser(
      `const event = ${JSON.stringify(serializeEvent(event))};
       try { log.appendEvent(${JSON.stringify(where.home)}, events.parseEvent(event)); console.log(JSON.stringify({ ok: true })); }
       catch (error) { console.log(JSON.stringify({ name: error.name, message: error.message, exitCode: error.exitCode })); }`,
      { log: 'src/store/log.ts', events: 'src/store/events.ts' },
    );
    expect(result).toEqual({ name: 'PrepError', message: `cannot open the review log ${where.log}: permission denied (EACCES)`, exitCode: 2 });
    expect(readFileSync(where.log).equals(before)).toBe(true);
  });

  it('setSetting in a read-only data directory: a PrepError naming the settings file, nothing written', () => {
    const where = place();
    chmodSync(where.home, 0o500);
    const result = runAsUser(
      `try { await settings.setSetting(${JSON.stringify(where.home)}, 'newPerDay', '5'); console.log(JSON.stringify({ ok: true })); }
       catch (error) { console.log(JSON.stringify({ name: error.name, message: error.message, exitCode: error.exitCode })); }`,
      { settings: 'src/store/settings.ts' },
    );
    expect(result).toEqual({ name: 'PrepError', message: `cannot write the settings file ${settingsPath(where.home)}: permission denied (EACCES)`, exitCode: 2 });
    expect(existsSync(settingsPath(where.home))).toBe(false);
  });
});
