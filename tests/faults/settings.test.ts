// A corrupt settings file: a clear warning, the defaults, the original bytes kept in a backup,
// and `prep config set` working afterwards. (A corrupt or missing parse cache: tests/notes/cache.test.ts.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, settingsPath } from '../../src/store/settings.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { deck } from './support.js';

const now = '2026-03-02T09:00:00+08:00';

/** Bytes no JSON parser accepts and no editor shows sensibly: NULs, invalid UTF-8, control bytes. */
const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x1b, 0x5b, 0x32, 0x4a, 0xc3, 0x28, 0x0a, 0x00, 0x80, 0x9f]);

const corrupt: [string, string | Buffer][] = [
  ['invalid JSON (a write cut short)', '{"newPerDay": 2,\n  "retention": 0.'],
  ['a JSON array', '[2, {"newPerDay": 2}]'],
  ['JSON null', 'null'],
  ['binary garbage', garbage],
];

function place(content: string | Buffer): { home: string; notes: string; file: string; clean: string } {
  const root = testdir({ 'notes/faults.md': deck, 'home/settings.json': content, 'clean/': '' });
  const home = join(root, 'home');
  return { home, notes: join(root, 'notes'), file: settingsPath(home), clean: join(root, 'clean') };
}

const backupsIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.startsWith('settings.json.corrupt-'))
    .sort()
    .map((name) => join(dir, name));

describe('a corrupt settings file', () => {
  it.each(corrupt)('(%s): one warning, the defaults, the bytes kept; prep config set works afterwards', async (_what, content) => {
    const where = place(content);
    const env = { PREP_HOME: where.home, PREP_NOW: now, PREP_FUZZ: '0' };
    const due = await runPrep(['--content', where.notes, 'due', '--json'], env);
    const clean = await runPrep(['--content', where.notes, 'due', '--json'], { ...env, PREP_HOME: where.clean });
    expect(due.code).toBe(0);
    expect(due.stdout).toBe(clean.stdout);
    const [backup, ...more] = backupsIn(where.home);
    expect(more).toEqual([]);
    expect(due.stderr).toBe(`prep: warning: ${where.file} was not a JSON object; moved it to ${backup} and using the default settings\n`);
    expect(readFileSync(backup as string).equals(Buffer.from(content))).toBe(true);

    const set = await runPrep(['config', 'set', 'newPerDay', '3'], env);
    expect(set).toEqual({ code: 0, stdout: 'newPerDay = 3\n', stderr: '' });
    expect(JSON.parse(readFileSync(where.file, 'utf8'))).toEqual({ newPerDay: 3 });
    expect((await runPrep(['config', 'get', 'newPerDay'], env)).stdout).toBe('3\n');
    const after = JSON.parse((await runPrep(['--content', where.notes, 'due', '--json'], env)).stdout) as { counts: { new: number } };
    expect(after.counts.new).toBe(3);
    expect(backupsIn(where.home)).toEqual([backup]);
    expect(readFileSync(backup as string).equals(Buffer.from(content))).toBe(true);
  });

  it('is backed up once when prep config set is the first command to meet it', async () => {
    const where = place('{"newPerDay": 5');
    const env = { PREP_HOME: where.home, PREP_NOW: now };
    const set = await runPrep(['config', 'set', 'retention', '0.85'], env);
    expect(set.code).toBe(0);
    expect(set.stderr.trim().split('\n')).toHaveLength(1);
    expect(set.stderr).toMatch(/was not a JSON object; moved it to .*settings\.json\.corrupt-/u);
    expect(backupsIn(where.home).map((file) => readFileSync(file, 'utf8'))).toEqual(['{"newPerDay": 5']);
    expect(JSON.parse(readFileSync(where.file, 'utf8'))).toEqual({ retention: 0.85 });
    expect((await runPrep(['config', 'list'], env)).stdout).toContain('retention = 0.85\n');
  });

  it('keeps every backup when the file is damaged again and again, even within one millisecond', () => {
    const where = place('');
    const contents = Array.from({ length: 25 }, (_, index) => `{"broken": ${index}`);
    const warnings: string[] = [];
    for (const content of contents) {
      writeFileSync(where.file, content);
      loadSettings(where.home, (message) => warnings.push(message));
    }
    expect(warnings).toHaveLength(contents.length);
    expect(backupsIn(where.home).map((file) => readFileSync(file, 'utf8')).sort()).toEqual([...contents].sort());
  });
});
