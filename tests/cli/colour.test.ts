import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testdir } from '../helpers/testdir.js';

/** The built command, as a person runs it: the real process decides about colour, not a test double. */
const bin = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin', 'prep.js');
const ESC = '\u001b';

function showPiped(env: Record<string, string>): string {
  const notes = testdir({ 'net.md': '## What is TCP?\n\nA **reliable** stream.\n' });
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'FORCE_COLOR' && key !== 'NO_COLOR' && !key.startsWith('PREP_')));
  const run = spawnSync(process.execPath, [bin, '--content', notes, 'show', 'tcp'], { env: { ...base, PREP_HOME: testdir(), ...env }, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('colour of output that is not a terminal', () => {
  it('is off by default', () => {
    const out = showPiped({});
    expect(out).toContain('What is TCP?');
    expect(out).not.toContain(ESC);
  });

  it('is on when FORCE_COLOR asks for it, and off again with NO_COLOR', () => {
    expect(showPiped({ FORCE_COLOR: '1' })).toContain(`${ESC}[`);
    expect(showPiped({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain(ESC);
  });
});
