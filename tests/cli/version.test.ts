import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testdir } from '../helpers/testdir.js';

/** The built command as a person runs it: its entry answers a lone `--version` by itself, commander the rest. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function prep(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, PREP_HOME: testdir() }, encoding: 'utf8' });
}

describe('prep --version', () => {
  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', (flag) => {
    const run = prep(flag);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the same when it comes with other options, through the command parser', () => {
    const run = prep('--no-color', '--version');
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: `${version}\n` });
  });
});
