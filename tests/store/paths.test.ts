import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrepError } from '../../src/errors.js';
import { dataDir, ensureDataDir } from '../../src/store/paths.js';
import { testdir } from '../helpers/testdir.js';

describe('dataDir', () => {
  it('is PREP_HOME, made absolute', () => {
    expect(dataDir({ PREP_HOME: '/srv/prep' })).toBe('/srv/prep');
    expect(dataDir({ PREP_HOME: 'rel/dir' })).toBe(resolve('rel/dir'));
  });

  it.skipIf(process.platform !== 'linux')('is the platform data directory for "prep" otherwise (no -nodejs suffix)', () => {
    const expected = process.env.XDG_DATA_HOME ? join(process.env.XDG_DATA_HOME, 'prep') : join(homedir(), '.local', 'share', 'prep');
    expect(dataDir({})).toBe(expected);
    expect(dataDir({ PREP_HOME: '' })).toBe(expected);
  });
});

describe('ensureDataDir', () => {
  it('creates the folder, private to the user', () => {
    const dir = join(testdir(), 'a', 'b');
    ensureDataDir(dir);
    ensureDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('is a PrepError naming the path when it cannot', () => {
    const dir = join(testdir({ file: '' }), 'file', 'data');
    expect(() => ensureDataDir(dir)).toThrow(PrepError);
    expect(() => ensureDataDir(dir)).toThrow(`cannot create the data directory ${dir}: a part of the path is not a folder (ENOTDIR)`);
  });
});
