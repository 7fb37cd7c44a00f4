import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/config.js';
import type { CommandContext, Output } from '../../src/commands/context.js';
import { PrepError } from '../../src/errors.js';
import { loadSettings } from '../../src/store/settings.js';
import { testdir } from '../helpers/testdir.js';

function capture(): Output & { text: string } {
  return {
    text: '',
    isTTY: false,
    write(chunk: string) {
      this.text += chunk;
    },
    page(chunk: string) {
      this.text += chunk;
      return Promise.resolve();
    },
  };
}

function context(dir: string): CommandContext & { stdout: ReturnType<typeof capture>; stderr: ReturnType<typeof capture> } {
  return {
    stdout: capture(),
    stderr: capture(),
    now: new Date('2026-11-24T01:30:00Z'),
    dataDir: dir,
    contentDirs: [],
    color: false,
    width: 80,
    env: { PREP_HOME: dir },
    interactive: false,
    settings: () => loadSettings(dir),
  };
}

describe('prep config', () => {
  it('lists every setting as key = value', async () => {
    const ctx = context(join(testdir(), 'data'));
    expect(await run({ action: 'list' }, ctx)).toBe(0);
    expect(ctx.stdout.text).toBe(
      [
        'newPerDay = 20',
        'reviewsPerDay = 200',
        'retention = 0.9',
        'dayStartsAt = 4',
        'learningSteps = 1m 10m',
        'relearningSteps = 10m',
        'maximumInterval = 36500',
        'contentDirs = ',
        'editor = ',
        '',
      ].join('\n'),
    );
  });

  it('sets a value, prints it as saved, and gets it back', async () => {
    const ctx = context(testdir());
    expect(await run({ action: 'set', key: 'learningSteps', value: '1m 2h' }, ctx)).toBe(0);
    expect(await run({ action: 'get', key: 'learningSteps' }, ctx)).toBe(0);
    expect(ctx.stdout.text).toBe('learningSteps = 1m 2h\n1m 2h\n');
    expect(ctx.stderr.text).toBe('');
  });

  it('refuses an unknown key with the list of valid keys (exit 1)', async () => {
    const ctx = context(testdir());
    const error: unknown = await run({ action: 'get', key: 'colour' }, ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrepError);
    expect((error as PrepError).exitCode).toBe(1);
    expect((error as PrepError).message).toMatch(/unknown setting "colour"; the settings are: newPerDay, reviewsPerDay, .*editor/);
  });

  it('is a usage error (exit 2) without a key or value', async () => {
    const ctx = context(testdir());
    await expect(run({ action: 'get' }, ctx)).rejects.toMatchObject({ exitCode: 2 });
    await expect(run({ action: 'set', key: 'newPerDay' }, ctx)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('prints warnings about the settings file on stderr', async () => {
    const ctx = context(testdir({ 'settings.json': '{"newPerDay": "many"}' }));
    await run({ action: 'get', key: 'newPerDay' }, ctx);
    expect(ctx.stdout.text).toBe('20\n');
    expect(ctx.stderr.text).toMatch(/^prep: warning: .*settings\.json: newPerDay must be a whole number from 0 to 9999 \(got "many"\); using the default 20\n$/);
  });
});
