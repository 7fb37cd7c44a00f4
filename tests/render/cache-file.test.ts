import { closeSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCacheFile, writeCacheFileKeptOpen } from '../../src/cache-file.js';
import { testdir } from '../helpers/testdir.js';

describe('a cache file written piece by piece', () => {
  it('holds every piece in order, small or larger than the writer’s buffer', () => {
    const file = path.join(testdir(), 'cache', 'pieces.bin');
    const big = 'ü'.repeat(200_000);
    const pieces: (string | Uint8Array)[] = ['head\n', Uint8Array.of(1, 2, 3), '缓存', big, new Uint8Array(300_000).fill(7), 'x'.repeat(90_000), '😀', 'tail'];
    const fd = writeCacheFileKeptOpen(file, (out) => {
      for (const piece of pieces) {
        if (typeof piece === 'string') out.text(piece);
        else out.bytes(piece);
      }
    });
    closeSync(fd ?? -1);
    const expected = Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('appends what an encoder puts in its buffer, and counts every byte appended', () => {
    const file = path.join(testdir(), 'encoded.bin');
    const positions: number[] = [];
    const fd = writeCacheFileKeptOpen(file, (out) => {
      out.text('ab');
      positions.push(out.position);
      out.encoded(4, (buffer, at) => buffer.write('cd', at));
      positions.push(out.position);
      // More than the writer's buffer holds: encoded into a buffer of its own.
      out.encoded(300_000, (buffer, at) => {
        buffer.fill(0x65, at, at + 300_000);
        return 300_000;
      });
      positions.push(out.position);
      out.bytes(new Uint8Array(300_000).fill(0x66));
      positions.push(out.position);
    });
    expect(fd).toBeTypeOf('number');
    const expected = Buffer.concat([Buffer.from('abcd'), Buffer.alloc(300_000, 0x65), Buffer.alloc(300_000, 0x66)]);
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(positions).toEqual([2, 4, 300_004, 600_004]);
    // The descriptor kept open reads the file written.
    const back = Buffer.alloc(4);
    expect(readSync(fd ?? -1, back, 0, 4, 0)).toBe(4);
    expect(back.toString()).toBe('abcd');
    closeSync(fd ?? -1);
  });

  it('is no error when writing fails midway, and leaves the cache as it was', () => {
    const file = path.join(testdir(), 'pieces.bin');
    writeCacheFile(file, 'whole');
    const fd = writeCacheFileKeptOpen(file, (out) => {
      out.text('partial');
      throw new Error('disk full');
    });
    expect(fd).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('whole');
  });
});
