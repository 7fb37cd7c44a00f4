import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardIds, identityText } from '../../src/notes/identity.js';
import { foldText } from '../../src/text/fold.js';
import { parseNote } from '../../src/notes/parse.js';
import { normaliseNoteText } from '../../src/notes/normalise.js';

const numbering = fc.constantFrom('', '一：', '十一、', '4.1: ', '12.1 ', '1. ', '2 ', 'Q. ', 'Q12: ', '题目001：', '(3) ', '（3）', '４．１：', '第三章 ', '⭐️ ', '🚀 1. ');
const words = fc.constantFrom('什么是闭包？', 'What is TCP?', 'JVM vs JDK', '网络', 'Redis 为什么快', '参考', 'References', '目录', '`map` 返回什么', '<a name="x"></a>锚点', '', '5层协议');
const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), numbering, words, fc.constantFrom('', ' <!-- id: fixed -->', ' #'))
  .map(([level, number, text, tail]) => `${'#'.repeat(level)} ${number}${text}${tail}`);

/** Lines as people write notes: headings, prose, lists (tab-indented too), fences, details, comments, front-matter fences. */
const markdownLine = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 3, arbitrary: fc.constantFrom('答案在这里。', 'Some prose.', '', '', '[⬆ back to top](#toc)', '<!-- comment -->', '> quoted', '| a | b |', '| - | - |') },
  { weight: 3, arbitrary: fc.constantFrom('- item', '* item', '1. item', '\t- tabbed item', '\t\t- deeper', '  - nested', '- # heading in a list', '- [link](#anchor)') },
  { weight: 2, arbitrary: fc.constantFrom('```', '```js', '~~~', '# comment in code', '#define X 1', '    indented code') },
  { weight: 2, arbitrary: fc.constantFrom('<details>', '<details><summary>Q?</summary>', '<summary>Question?</summary>', '</details>', '<p>', '</p>') },
  { weight: 1, arbitrary: fc.constantFrom('---', '---js', 'title: x', 'questionLevel: 3', 'deck: [a') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const markdownNote = fc.tuple(fc.array(markdownLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/u;

/** Notes whose headings are all ATX headings (no `---` or `===` line turns prose into a setext heading), some with front matter. */
const atxNote = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: heading },
      { weight: 6, arbitrary: markdownLine.filter((line) => !SETEXT_UNDERLINE.test(line)) },
    ),
    { maxLength: 40 },
  )
  .chain((lines) => fc.constantFrom('', '---\ntitle: T\n---\n', '---\nquestionLevel: 3\ntags:\n  - a\n---\n\n', '---\n---\n').map((front) => front + lines.join('\n')));

describe('parseNote on any input', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        parseNote(text, 'any.md', 'any');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on Markdown-ish lines, and every card has a question, an answer and a line in the file', () => {
    fc.assert(
      fc.property(markdownNote, (text) => {
        const { drafts, diagnostics } = parseNote(text, 'any.md', 'any');
        const lineCount = normaliseNoteText(text).split('\n').length;
        for (const draft of drafts) {
          expect(draft.question.trim()).not.toBe('');
          expect(draft.answer.trim()).not.toBe('');
          expect(draft.source.line).toBeGreaterThanOrEqual(1);
          expect(draft.source.line).toBeLessThanOrEqual(lineCount);
        }
        for (const diagnostic of diagnostics) expect(diagnostic.line).toBeLessThanOrEqual(lineCount);
        expect(() => cardIds(drafts)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('points every card at its prompt\'s line: a heading, a <details> line, a list item, a bold line, a quote or a Q: label', () => {
    fc.assert(
      fc.property(atxNote, (text) => {
        const lines = text.split('\n');
        for (const draft of parseNote(text, 'any.md', 'any').drafts) {
          const line = lines[draft.source.line - 1] ?? '';
          expect(line, `line ${draft.source.line} of:\n${text}`).toMatch(/^(?:#{1,6}(?:\s|$)|<details|[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|\*\*|__|>|-?\d{0,3}[.)]?\s*(?:Q|Question|问))/iu);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same cards for CRLF as for LF', () => {
    fc.assert(
      fc.property(fc.array(markdownLine, { maxLength: 30 }), (lines) => {
        expect(parseNote(lines.join('\r\n'), 'any.md', 'any')).toEqual(parseNote(lines.join('\n'), 'any.md', 'any'));
      }),
      { numRuns: 200 },
    );
  });

  it('gives every card a distinct id', () => {
    fc.assert(
      fc.property(markdownNote, (text) => {
        const { ids } = cardIds(parseNote(text, 'any.md', 'any').drafts);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('foldText', () => {
  it('is NFKC, lower case, white space runs made one space and the ends trimmed, however few passes it makes', () => {
    const unit = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 2 }), fc.constantFrom(' ', '  ', '\t', '\n', '\u3000', '\u00a0', 'A', '中', 'ﬁ'));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(foldText(text)).toBe(text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('identityText', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (question) => {
        expect(identityText(identityText(question))).toBe(identityText(question));
      }),
      { numRuns: 1000 },
    );
  });

  it('is NFKC, marks dropped, NFKC again, then case and white space folded, however few passes it makes', () => {
    const plain = (question: string) =>
      question.normalize('NFKC').replace(/[*`]/gu, '').normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
    // Mixes the characters the NFKC shortcut passes (ASCII, CJK ideographs) with ones it must not:
    // full-width forms, combining marks that compose once a mark between them is gone, ligatures.
    const unit = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.constantFrom('e', '*', '`', '\u0301', '\u0308', '？', '，', '\u3000', 'ﬁ', '①', '中', '文', '\uF900', 'A', ' ', '\t'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
        const question = parts.join('');
        expect(identityText(question)).toBe(plain(question));
      }),
      { numRuns: 3000 },
    );
  });

  /** Full-width forms of printable ASCII (U+FF01–U+FF5E) and the ideographic space. */
  const toFullWidth = (question: string) =>
    question.replace(/[!-~]/gu, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /gu, '\u3000');

  it('ignores width, case and runs of white space', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'abcXYZ09 ?*`:.()'.split('')), maxLength: 30 });
    fc.assert(
      fc.property(ascii, (question) => {
        const key = identityText(question);
        expect(identityText(toFullWidth(question))).toBe(key);
        expect(identityText(question.toUpperCase())).toBe(key);
        expect(identityText(`  ${question.replace(/ /gu, ' \t ')}\n`)).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells different words apart', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/u), fc.stringMatching(/^[a-z]{1,8}$/u), (a, b) => {
        fc.pre(a !== b);
        expect(identityText(a)).not.toBe(identityText(b));
      }),
    );
  });
});
