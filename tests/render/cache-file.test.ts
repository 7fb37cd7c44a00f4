import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCacheFile } from '../../src/cache-file.js';
import { testdir } from '../helpers/testdir.js';

describe('a cache file written piece by piece', () => {
  it('holds every piece in order, small or larger than the writer’s buffer', () => {
    const file = path.join(testdir(), 'cache', 'pieces.bin');
    const big = 'ü'.repeat(200_000);
    const pieces: (string | Uint8Array)[] = ['head\n', Uint8Array.of(1, 2, 3), '缓存', big, new Uint8Array(300_000).fill(7), 'x'.repeat(90_000), '😀', 'tail'];
    writeCacheFile(file, (out) => {
      for (const piece of pieces) {
        if (typeof piece === 'string') out.text(piece);
        else out.bytes(piece);
      }
    });
    const expected = Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('is no error when writing fails midway, and leaves the cache as it was', () => {
    const file = path.join(testdir(), 'pieces.bin');
    writeCacheFile(file, 'whole');
    writeCacheFile(file, (out) => {
      out.text('partial');
      throw new Error('disk full');
    });
    expect(readFileSync(file, 'utf8')).toBe('whole');
  });
});
