import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { onTestFinished } from 'vitest';

/** File contents by path relative to the test directory; a path ending in `/` makes an empty folder. */
export type TestFiles = Record<string, string | Uint8Array>;

/**
 * Creates a real temporary directory holding `files` and returns its absolute path. The directory is
 * removed when the current test finishes, so call it inside a test (or a `beforeEach`).
 */
export function testdir(files: TestFiles = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'prep-test-')));
  onTestFinished(() => {
    rmSync(root, { recursive: true, force: true });
  });
  for (const [relative, content] of Object.entries(files)) {
    const target = normalize(join(root, relative));
    if (isAbsolute(relative) || !target.startsWith(root)) {
      throw new Error(`testdir: ${relative} is outside the test directory`);
    }
    if (relative.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}
