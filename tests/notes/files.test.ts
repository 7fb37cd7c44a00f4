import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrepError } from '../../src/errors.js';
import { findNoteFiles, isReadme } from '../../src/notes/files.js';
import { loadDeckset } from '../../src/notes/load.js';
import { readNoteTexts, type NoteText } from '../../src/notes/read.js';
import { testdir } from '../helpers/testdir.js';

const note = (question: string) => `## ${question}\n\nAn answer.\n`;

/** Paths relative to `root`, with `/` separators, for readable expectations. */
function relative(root: string, files: string[]): string[] {
  return files.map((file) => path.relative(root, file).split(path.sep).join('/'));
}

describe('findNoteFiles', () => {
  it('finds *.md recursively, sorted, skipping node_modules, dot folders and other files', () => {
    const root = testdir({
      'b.md': note('B?'),
      'a.md': note('A?'),
      'topics/net/tcp.md': note('TCP?'),
      'topics/db.markdown': note('DB?'),
      'topics/UPPER.MD': note('Upper?'),
      'topics/readme.txt': 'not a note',
      'topics/image.png': 'png',
      'node_modules/pkg/readme.md': note('Dependency?'),
      '.git/notes.md': note('Git?'),
      '.obsidian/deep/x.md': note('Hidden?'),
      '.hidden.md': note('Hidden file?'),
      'empty/': '',
    });
    const { files, diagnostics } = findNoteFiles([root]);
    expect(relative(root, files)).toEqual(['a.md', 'b.md', 'topics/UPPER.MD', 'topics/db.markdown', 'topics/net/tcp.md']);
    expect(diagnostics).toEqual([]);
  });

  it('takes several folders and files, in the order given, each file once', () => {
    const root = testdir({ 'zeta/b.md': note('B?'), 'zeta/a.md': note('A?'), 'alpha/c.md': note('C?'), 'single.md': note('S?') });
    const { files } = findNoteFiles([path.join(root, 'zeta'), path.join(root, 'single.md'), path.join(root, 'alpha'), path.join(root, 'zeta/a.md')]);
    expect(relative(root, files)).toEqual(['zeta/a.md', 'zeta/b.md', 'single.md', 'alpha/c.md']);
  });

  it('lists a file reached through two folders once, where it was first found', () => {
    const root = testdir({ 'all/sub/x.md': note('X?'), 'all/y.md': note('Y?') });
    const { files } = findNoteFiles([path.join(root, 'all/sub'), path.join(root, 'all')]);
    expect(relative(root, files)).toEqual(['all/sub/x.md', 'all/y.md']);
  });

  it('terminates on a symlink loop and reads each folder once', () => {
    const root = testdir({ 'notes/a.md': note('A?'), 'notes/sub/b.md': note('B?') });
    symlinkSync('..', path.join(root, 'notes/sub/up'));
    symlinkSync(path.join(root, 'notes'), path.join(root, 'notes/sub/again'));
    const { files } = findNoteFiles([path.join(root, 'notes')]);
    expect(relative(root, files)).toEqual(['notes/a.md', 'notes/sub/b.md']);
  });

  it('follows a symlink to a folder elsewhere', () => {
    const root = testdir({ 'elsewhere/x.md': note('X?'), 'notes/a.md': note('A?') });
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'notes/linked'));
    expect(relative(root, findNoteFiles([path.join(root, 'notes')]).files)).toEqual(['notes/a.md', 'notes/linked/x.md']);
  });

  it.each([
    ['a missing folder', (root: string) => path.join(root, 'nope')],
    ['a dangling symlink', (root: string) => {
      symlinkSync(path.join(root, 'gone'), path.join(root, 'link'));
      return path.join(root, 'link');
    }],
  ])('throws a PrepError naming %s', (_name, make) => {
    const missing = make(testdir());
    expect(() => findNoteFiles([missing])).toThrow(PrepError);
    expect(() => findNoteFiles([missing])).toThrow(missing);
    expect(() => loadDeckset([missing])).toThrow(/content folder not found/u);
  });
});

/** The text of one note read on its own. */
function readNoteText(file: string): NoteText | undefined {
  return readNoteTexts([file]).get(file);
}

describe('readNoteTexts', () => {
  it.each([
    ['LF', 'a\nb\n', 'a\nb\n'],
    ['CRLF', 'a\r\nb\r\n', 'a\nb\n'],
    ['a BOM', '\uFEFFa\nb\n', 'a\nb\n'],
    ['a BOM later in the text', 'a\uFEFFb', 'a\uFEFFb'],
    ['two BOMs, both dropped as a decoder and the normaliser each drop one', '\uFEFF\uFEFFa', 'a'],
  ])('%s', (_name, content, text) => {
    const file = path.join(testdir({ 'n.md': content }), 'n.md');
    const { size, mtimeMs, ino } = statSync(file);
    expect(readNoteText(file)).toEqual({ text, diagnostics: [], stamp: { size, mtimeMs, ino } });
  });

  it('reports invalid UTF-8 at its line and still reads the rest', () => {
    const bytes = Buffer.concat([Buffer.from('## 一：什么是A？\n\n答'), Buffer.from([0xff, 0xfe]), Buffer.from('案\n')]);
    const root = testdir({ 'bad.md': bytes });
    const read = readNoteText(path.join(root, 'bad.md'));
    expect(read).toMatchObject({ diagnostics: [{ file: path.join(root, 'bad.md'), line: 3, message: expect.stringMatching(/UTF-8/u) }] });
    expect(read && 'text' in read && read.text).toContain('案');
  });

  it('reads each note whole, a long one and then a short one (they share a buffer)', () => {
    const long = `## 长\n\n${'答案。'.repeat(40_000)}\n`;
    const root = testdir({ 'long.md': long, 'short.md': '## 短\n' });
    expect(readNoteText(path.join(root, 'long.md'))).toMatchObject({ text: long, diagnostics: [] });
    expect(readNoteText(path.join(root, 'short.md'))).toMatchObject({ text: '## 短\n', diagnostics: [] });
  });

  it('reads many notes in order across batches, whatever each one holds', () => {
    const notes: Record<string, string | Buffer> = {};
    const expected = new Map<string, string>();
    for (let index = 0; index < 60; index++) {
      const text = `## 问题 ${index}？\n\n${'答案 answer。'.repeat(2_000 + index)}\n`;
      notes[`n${String(index).padStart(2, '0')}.md`] = index % 7 === 3 ? `\uFEFF${text}` : text;
      expected.set(`n${String(index).padStart(2, '0')}.md`, text);
    }
    notes['n10.md'] = `a\n${'b'.repeat(9000)}\u0000c\n`;
    expected.set('n10.md', `a\n${'b'.repeat(9000)}\u0000c\n`);
    notes['n20.md'] = Buffer.concat([Buffer.from('## 坏\n'), Buffer.from([0xff]), Buffer.from('好\n')]);
    expected.set('n20.md', '## 坏\n\uFFFD好\n');
    notes['n30.md'] = '';
    expected.set('n30.md', '');
    notes['n40.md'] = `## 长\n\n${'长答案。'.repeat(200_000)}\n`;
    expected.set('n40.md', `## 长\n\n${'长答案。'.repeat(200_000)}\n`);
    const root = testdir(notes);
    const files = Object.keys(notes).sort().map((name) => path.join(root, name));
    const read = readNoteTexts(files);
    expect([...read.keys()]).toEqual(files);
    for (const file of files) expect(read.get(file), file).toMatchObject({ text: expected.get(path.basename(file)) });
  });

  it('reports a named pipe among the notes rather than wait for a writer, and reads the rest', () => {
    const root = testdir({ 'a.md': '## 问？\n\n答。\n' });
    const pipe = path.join(root, 'pipe.md');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const read = readNoteTexts([pipe, path.join(root, 'a.md')]);
    expect(read.get(pipe)).toEqual({ error: { file: pipe, line: 0, message: expect.stringMatching(/not a regular file/u) } });
    expect(read.get(path.join(root, 'a.md'))).toMatchObject({ text: '## 问？\n\n答。\n' });
  });

  it('refuses a binary file', () => {
    const root = testdir({ 'pic.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    expect(readNoteText(path.join(root, 'pic.md'))).toEqual({ error: { file: path.join(root, 'pic.md'), line: 0, message: expect.stringMatching(/not a text file/u) } });
  });
});

describe('loadDeckset over real folders', () => {
  it('loads every note, names decks after files, and reports each file', () => {
    const root = testdir({
      'network.md': '## 什么是 TCP？\n\n可靠传输。\n\n## 什么是 UDP？\n\n无连接。\n',
      'db/mysql.md': '---\ndeck: 数据库\n---\n## 什么是索引？\n\n加速查找。\n',
    });
    const { cards, diagnostics, files } = loadDeckset([root]);
    expect(cards.map((card) => [card.deck, card.question, path.relative(root, card.source.file), card.source.line])).toEqual([
      ['数据库', '什么是索引？', path.join('db', 'mysql.md'), 4],
      ['network', '什么是 TCP？', 'network.md', 1],
      ['network', '什么是 UDP？', 'network.md', 5],
    ]);
    expect(diagnostics).toEqual([]);
    expect(files).toEqual([
      { file: path.join(root, 'db/mysql.md'), cards: 1, readable: true, reading: 'headings at level 2' },
      { file: path.join(root, 'network.md'), cards: 2, readable: true, reading: 'headings at level 2' },
    ]);
  });

  it('gives the same cards for CRLF and BOM files as for LF', () => {
    const text = '---\ntitle: 网络\n---\n## 一：什么是 TCP？\n\n```\n# 注释\n```\n\n## 二：什么是 UDP？\n\n- 无连接\n';
    const lf = loadDeckset([testdir({ 'n.md': text })]).cards;
    const crlf = loadDeckset([testdir({ 'n.md': `\uFEFF${text.replace(/\n/gu, '\r\n')}` })]).cards;
    const strip = (cards: typeof lf) => cards.map(({ source, ...rest }) => ({ ...rest, line: source.line }));
    expect(strip(crlf)).toEqual(strip(lf));
    expect(lf).toHaveLength(2);
  });

  it('reports a binary note as unreadable and goes on with the others', () => {
    const root = testdir({ 'good.md': note('Good?'), 'bin.md': Buffer.from([0, 1, 2, 3, 0]) });
    const { cards, diagnostics, files } = loadDeckset([root]);
    expect(cards.map((card) => card.question)).toEqual(['Good?']);
    expect(diagnostics).toEqual([expect.objectContaining({ file: path.join(root, 'bin.md'), message: expect.stringMatching(/not a text file/u) })]);
    expect(files).toContainEqual({ file: path.join(root, 'bin.md'), cards: 0, readable: false });
  });

  it('reports invalid UTF-8 but keeps the cards of that file', () => {
    const root = testdir({ 'latin1.md': Buffer.concat([Buffer.from('## Caf'), Buffer.from([0xe9]), Buffer.from('?\n\nCoffee.\n')]) });
    const { cards, diagnostics, files } = loadDeckset([root]);
    expect(cards.map((card) => card.question)).toEqual(['Caf\uFFFD?']);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/UTF-8/u) })]);
    expect(files).toEqual([{ file: path.join(root, 'latin1.md'), cards: 1, readable: true, reading: 'headings at level 2' }]);
  });

  it('reports a note that cannot be read (a dangling symlink named x.md) as readable: false', () => {
    const root = testdir({ 'good.md': note('Good?') });
    symlinkSync(path.join(root, 'missing-target.md'), path.join(root, 'x.md'));
    const { cards, diagnostics, files } = loadDeckset([root]);
    expect(cards.map((card) => card.question)).toEqual(['Good?']);
    expect(files).toContainEqual({ file: path.join(root, 'x.md'), cards: 0, readable: false });
    expect(diagnostics).toEqual([expect.objectContaining({ file: path.join(root, 'x.md'), message: expect.stringMatching(/cannot read: ENOENT/u) })]);
  });

  it('walks into a folder named x.md instead of reading it', () => {
    const root = testdir({ 'x.md/inner.md': note('Inner?') });
    mkdirSync(path.join(root, 'x.md/empty.md'));
    const { cards, files } = loadDeckset([root]);
    expect(cards.map((card) => card.question)).toEqual(['Inner?']);
    expect(relative(root, files.map((file) => file.file))).toEqual(['x.md/inner.md']);
  });

  it('a folder with no notes gives no cards and no diagnostics', () => {
    expect(loadDeckset([testdir({ 'readme.txt': 'hi' })])).toEqual({ cards: [], diagnostics: [], files: [] });
  });
});

describe('project documents beside the notes', () => {
  it('skips LICENSE, CHANGELOG and the like inside folders, in any case, but loads one named on its own', () => {
    const dir = testdir({
      'LICENSE.md': 'MIT',
      'licence.markdown': 'MIT',
      'sub/Changelog.md': '# 1.0\n',
      'sub/CONTRIBUTING.md': '## How?\nA PR.\n',
      'sub/code_of_conduct.md': '## Be kind?\nYes.\n',
      'sub/Code-Of-Conduct.MD': '## Be kind?\nYes.\n',
      'SECURITY.md': '## Report?\nBy mail.\n',
      'sub/redis.md': '## Q?\nA\n',
    });
    expect(findNoteFiles([dir]).files.map((file) => file.slice(dir.length + 1))).toEqual(['sub/redis.md']);
    expect(findNoteFiles([`${dir}/LICENSE.md`]).files).toEqual([`${dir}/LICENSE.md`]);
  });

  it('finds READMEs, whatever their case or language suffix, and tells them from other notes', () => {
    const dir = testdir({ 'README.md': '# About\ntext\n', 'sub/readme.zh-CN.markdown': '# 关于\n', 'sub/README_en.md': '# About\n', 'sub/readmes.md': '## Q?\nA\n' });
    const files = findNoteFiles([dir]).files;
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual(['README.md', 'sub/README_en.md', 'sub/readme.zh-CN.markdown', 'sub/readmes.md']);
    expect(files.map(isReadme)).toEqual([true, true, true, false]);
  });

  it('takes a README without questions out of the cards and problems, with the reason in its report', () => {
    const dir = testdir({ 'README.md': '# About\n\n- [Docs](docs.md)\n', 'about.md': '# About\n\n- [Docs](docs.md)\n', 'sub/README.md': '## Why?\n\nBecause.\n' });
    const { cards, diagnostics, files } = loadDeckset([dir]);
    const reason = 'its headings are followed by lists of questions or links, not answers (1)';
    expect(files).toEqual([
      { file: path.join(dir, 'README.md'), cards: 0, readable: true, notNotes: reason },
      { file: path.join(dir, 'about.md'), cards: 0, readable: true, reading: expect.any(String) },
      { file: path.join(dir, 'sub/README.md'), cards: 1, readable: true, reading: 'headings at level 2' },
    ]);
    expect(diagnostics).toEqual([{ file: path.join(dir, 'about.md'), line: 1, message: `no question/answer structure, no cards: ${reason}` }]);
    expect(cards.map((card) => card.question)).toEqual(['Why?']);
  });
});
