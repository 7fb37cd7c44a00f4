import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testdir } from '../helpers/testdir.js';
import { shellQuote, Tmux } from './tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');

const deck = `# Networking

## What is TCP?
- A reliable byte stream.

## What is UDP?
- Datagrams, no delivery guarantee.

## What is DNS?
- Names to addresses.
`;

/** Edits the note non-interactively: a line under the heading the editor was opened at (`+LINE FILE`). */
const editor = `#!/bin/sh
line=\${1#+}
awk -v n="$line" '{ print } NR == n { print "- Edited: SYN, SYN-ACK, ACK." }' "$2" > "$2.tmp" && mv "$2.tmp" "$2"
`;

const day1 = '2026-03-02T09:00:00+08:00';
const QUESTION_HINT = 'Space show answer';

interface Place {
  dir: string;
  home: string;
  notes: string;
}

let tty: Tmux;
let where: Place;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    // The project's own build (whatever `npm run build` runs), once.
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  }
}, 130_000);

beforeEach(() => {
  const dir = testdir({ 'notes/net.md': deck, 'editor.sh': editor, 'home/': '' });
  chmodSync(join(dir, 'editor.sh'), 0o755);
  where = { dir, home: join(dir, 'home'), notes: join(dir, 'notes') };
  tty = new Tmux(dir);
});

afterEach(() => {
  tty.kill();
});

/** Starts `prep --content <notes> …args` in a fresh 100×40 terminal at `now`. */
function start(name: string, now: string, args: string, before = ''): void {
  tty.start(name, `${before}node ${shellQuote(bin)} --content ${shellQuote(where.notes)} ${args}`, {
    PREP_HOME: where.home,
    PREP_NOW: now,
    PREP_FUZZ: '0',
    TZ: 'Asia/Shanghai',
    EDITOR: join(where.dir, 'editor.sh'),
    VISUAL: '',
    NODE_OPTIONS: '',
  });
}

function logTypes(): string[] {
  const text = readFileSync(join(where.home, 'reviews.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const event = JSON.parse(line) as { type: string; rating?: number };
      return event.rating === undefined ? event.type : `${event.type} ${event.rating}`;
    });
}

function dueJson(now: string): { counts: Record<string, number>; cards: { kind: string; question: string }[] } {
  const stdout = execFileSync('node', [bin, '--content', where.notes, 'due', '--json'], {
    env: { ...process.env, PREP_HOME: where.home, PREP_NOW: now, PREP_FUZZ: '0', TZ: 'Asia/Shanghai', NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return JSON.parse(stdout) as { counts: Record<string, number>; cards: { kind: string; question: string }[] };
}

const hidden = (text: string) => (screen: string): boolean => !screen.includes(text);

describe('prep quiz in a real terminal (tmux)', () => {
  it('reveal, grade, undo, edit, skip, wait, quit; a second run; the reviews due a day later', async () => {
    start('day1', day1, 'quiz');
    let screen = await tty.waitFor('day1', ['What is TCP?', QUESTION_HINT]);
    expect(screen).toContain('learning 0 · review 0 · new 3   done 0');
    expect(screen).not.toContain('A reliable byte stream.');

    tty.keys('day1', 'Space');
    screen = await tty.waitFor('day1', ['A reliable byte stream.', '1 Again']);
    expect(screen).toMatch(/1 Again 1m\s+2 Hard 6m\s+3 Good 10m\s+4 Easy 8d/u);

    tty.keys('day1', '3');
    screen = await tty.waitFor('day1', ['What is UDP?', QUESTION_HINT]);
    expect(screen).toContain('learning 1 · review 0 · new 2   done 1');
    expect(logTypes()).toEqual(['review 3']);

    tty.keys('day1', 'u');
    screen = await tty.waitFor('day1', ['What is TCP?', QUESTION_HINT]);
    expect(screen).toContain('learning 0 · review 0 · new 3   done 0');
    expect(logTypes()).toEqual(['review 3', 'undo']);

    // Edit from the answer side: the editor script adds a line; the card comes back, question first.
    tty.keys('day1', 'Space');
    await tty.waitFor('day1', ['A reliable byte stream.', '3 Good 10m']);
    tty.keys('day1', 'e');
    await tty.waitFor('day1', ['What is TCP?', QUESTION_HINT, hidden('3 Good')]);
    expect(readFileSync(join(where.notes, 'net.md'), 'utf8')).toContain('## What is TCP?\n- Edited: SYN, SYN-ACK, ACK.\n- A reliable byte stream.');
    tty.keys('day1', 'Space');
    screen = await tty.waitFor('day1', ['Edited: SYN, SYN-ACK, ACK.', '1 Again']);
    expect(screen).toContain('A reliable byte stream.');

    tty.keys('day1', '1');
    await tty.waitFor('day1', ['What is UDP?', QUESTION_HINT, 'learning 1 · review 0 · new 2']);
    tty.keys('day1', 's');
    await tty.waitFor('day1', ['What is DNS?', QUESTION_HINT, 'new 1']);
    tty.keys('day1', 'Space');
    await tty.waitFor('day1', ['Names to addresses.', '3 Good 10m']);
    tty.keys('day1', '3');
    screen = await tty.waitFor('day1', ['Only cards in learning are left today', 'waiting…']);
    expect(screen).toMatch(/The next one is due in (<1m|1m) \(09:01\)/u);
    expect(screen).toContain('learning 2 · review 0 · new 0   done 2');
    expect(screen).toContain('Enter show it now · u undo · q stop');

    // Show the waiting card now; Easy after Again makes it a review due tomorrow.
    tty.keys('day1', 'Enter');
    await tty.waitFor('day1', ['What is TCP?', QUESTION_HINT]);
    tty.keys('day1', 'Space');
    screen = await tty.waitFor('day1', ['Edited: SYN, SYN-ACK, ACK.', '1 Again']);
    expect(screen).toMatch(/4 Easy 1d/u);
    tty.keys('day1', '4');
    await tty.waitFor('day1', ['The next one is due in 10m (09:10)', 'waiting…']);

    tty.keys('day1', 'q');
    screen = await tty.waitFor('day1', 'EXIT=');
    expect(screen).toMatch(/^Done: 3 answers on 2 cards in \d+s, again 1 \(33%\)\.$/mu);
    expect(screen).toContain('Left today: learning 1 · review 0 · new 0.');
    expect(screen).toContain('Next card due in 10m (09:10).');
    expect(screen).toContain('EXIT=0');
    expect(logTypes()).toEqual(['review 3', 'undo', 'review 1', 'skip', 'review 3', 'review 4']);

    // A second run the same day: DNS still learning; TCP is done for today, UDP skipped.
    start('again', '2026-03-02T09:30:00+08:00', 'quiz');
    screen = await tty.waitFor('again', ['What is DNS?', QUESTION_HINT]);
    expect(screen).toContain('learning 1 · review 0 · new 0   done 0');
    tty.keys('again', 'q');
    screen = await tty.waitFor('again', 'EXIT=');
    expect(screen).toContain('Left today: learning 1 · review 0 · new 0.');
    expect(screen).toContain('EXIT=0');

    // A day later: TCP's review is due, DNS's step is overdue, UDP is new again.
    const tomorrow = dueJson('2026-03-03T09:30:00+08:00');
    expect(tomorrow.counts).toEqual({ learning: 1, review: 1, new: 1 });
    expect(tomorrow.cards.map((card) => `${card.kind} ${card.question}`)).toEqual(['learning What is DNS?', 'review What is TCP?', 'new What is UDP?']);
  }, 90_000);

  it('Ctrl+C quits cleanly: the grades kept, the summary shown, exit code 0', async () => {
    start('ctrlc', day1, 'quiz');
    await tty.waitFor('ctrlc', ['What is TCP?', QUESTION_HINT]);
    tty.keys('ctrlc', 'Space');
    await tty.waitFor('ctrlc', ['A reliable byte stream.', '1 Again']);
    tty.keys('ctrlc', '3');
    await tty.waitFor('ctrlc', ['What is UDP?', QUESTION_HINT]);
    tty.keys('ctrlc', 'C-c');
    const screen = await tty.waitFor('ctrlc', 'EXIT=');
    expect(screen).toContain('Done: 1 answer on 1 card in');
    expect(screen).toContain('Left today: learning 1 · review 0 · new 2.');
    expect(screen).toContain('EXIT=0');
    expect(screen).not.toMatch(/Error|at .*\.js:\d+/u);
    expect(logTypes()).toEqual(['review 3']);
  }, 60_000);

  it('Ctrl+D on the answer side quits the same way', async () => {
    start('ctrld', day1, 'quiz');
    await tty.waitFor('ctrld', ['What is TCP?', QUESTION_HINT]);
    tty.keys('ctrld', 'Space');
    await tty.waitFor('ctrld', ['A reliable byte stream.', '1 Again']);
    tty.keys('ctrld', 'C-d');
    const screen = await tty.waitFor('ctrld', 'EXIT=');
    expect(screen).toContain('Done: 0 answers on 0 cards in 0s');
    expect(screen).toContain('EXIT=0');
    expect(existsSync(join(where.home, 'reviews.jsonl'))).toBe(false);
  }, 60_000);

  it('stdin not a terminal: exits 2 at once with a message, no hang', async () => {
    start('piped', day1, 'quiz', 'echo | ');
    const screen = await tty.waitFor('piped', 'EXIT=');
    expect(screen).toContain('EXIT=2');
    expect(screen).toContain('prep quiz needs a terminal');
    expect(screen).toContain('`prep due`');
    expect(screen).not.toMatch(/\n\s+at /u);
  }, 60_000);
});
