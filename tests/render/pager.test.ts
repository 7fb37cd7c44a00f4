import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePaged } from '../../src/render/pager.js';

/** A stand-in for process.stdout that records what is written to it. */
function fakeStdout(isTTY: boolean, rows = 5): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    rows,
    columns: 80,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

const longText = Array.from({ length: 50 }, (_line, index) => `line ${index}`).join('\n') + '\n';

describe('writePaged', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prep-pager-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes directly when stdout is not a terminal', async () => {
    const { stream, written } = fakeStdout(false);
    await writePaged(longText, { stdout: stream, env: { PREP_PAGER: 'no-such-pager' } });
    expect(written).toEqual([longText]);
  });

  it('writes directly when the text fits the terminal', async () => {
    const { stream, written } = fakeStdout(true, 60);
    await writePaged(longText, { stdout: stream, env: { PREP_PAGER: 'no-such-pager' } });
    expect(written).toEqual([longText]);
  });

  it('writes directly when the pager is cat', async () => {
    const { stream, written } = fakeStdout(true);
    await writePaged(longText, { stdout: stream, env: { PAGER: 'cat' } });
    expect(written).toEqual([longText]);
  });

  it('writes directly when the pager cannot be started', async () => {
    const { stream, written } = fakeStdout(true);
    await writePaged(longText, { stdout: stream, env: { PREP_PAGER: 'prep-no-such-pager-0' } });
    expect(written).toEqual([longText]);
  });

  it('pipes long text to the pager, sets LESS, and waits for it to exit', async () => {
    const script = join(dir, 'pager.mjs');
    const output = join(dir, 'paged.json');
    await writeFile(
      script,
      `import { writeFileSync } from 'node:fs';
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', () => {
  setTimeout(() => writeFileSync(process.argv[2], JSON.stringify({ text, less: process.env.LESS })), 50);
});
`,
    );
    const { stream, written } = fakeStdout(true);
    await writePaged(longText, {
      stdout: stream,
      env: { PREP_PAGER: `${process.execPath} ${script} ${output}`, PAGER: 'cat', PATH: process.env.PATH },
    });
    expect(written).toEqual([]);
    expect(JSON.parse(await readFile(output, 'utf8'))).toEqual({ text: longText, less: 'FRX' });
  });

  it('keeps a LESS the user set', async () => {
    const output = join(dir, 'less.txt');
    const script = join(dir, 'pager.mjs');
    await writeFile(
      script,
      `import { writeFileSync } from 'node:fs';
process.stdin.resume();
process.stdin.on('end', () => writeFileSync(process.argv[2], process.env.LESS ?? ''));
`,
    );
    const { stream } = fakeStdout(true);
    await writePaged(longText, {
      stdout: stream,
      env: { PREP_PAGER: `${process.execPath} ${script} ${output}`, LESS: 'R' },
    });
    expect(await readFile(output, 'utf8')).toBe('R');
  });

  it('does not fail when the pager quits without reading (EPIPE)', async () => {
    const { stream, written } = fakeStdout(true);
    const huge = 'x'.repeat(100) + '\n';
    await writePaged(huge.repeat(20_000), {
      stdout: stream,
      env: { PREP_PAGER: `${process.execPath} -e process.exit(0)` },
    });
    expect(written).toEqual([]);
  });
});
