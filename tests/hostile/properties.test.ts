import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capNesting } from '../../src/notes/nesting.js';
import { parseNote } from '../../src/notes/parse.js';
import { renderInline, renderMarkdown } from '../../src/render/markdown.js';
import { sanitize, sanitizeInline, sanitizeKeepingColour, terminalJson } from '../../src/render/sanitize.js';
import { graphemes } from '../../src/render/width.js';
import { hasControl } from './control.js';

/** Pieces of escape sequences and control characters, whole and cut short. */
const controls = fc.constantFrom(
  '\u001b', '\u001b[', '\u001b[2J', '\u001b[31m', '\u001b[0m', '\u001b]', '\u001b]52;c;aGVsbG8=\u0007', '\u001b]8;;http://x\u001b\\', '\u001b\\',
  '\u001bP', '\u001bc', '\u001b(B', '\u0007', '\u0008', '\r', '\u0000', '\u007f', '\u0085', '\u0090', '\u009b', '\u009b2J', '\u009c', '\u009d', '\u009f',
);

/** Text with control characters spliced in among arbitrary code points (lone surrogates too). */
const hostileText = fc
  .array(fc.oneof({ weight: 2, arbitrary: controls }, { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }, { weight: 1, arbitrary: fc.constantFrom('\n', '\t', ' ') }), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Markdown syntax, entities for control characters, HTML and control characters, in any order. */
const hostileMarkdown = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('# ', '## ', '- ', '* ', '> ', '1. ', '- [ ] ', '   ', '    ', '\t', '\n', '\n\n', '---', '***', '```', '```js\n', '~~~', '| a | b |\n|---|---|\n', '|', '\\') },
      { weight: 3, arbitrary: fc.constantFrom('*', '**', '_', '__', '~~', '`', '[', ']', '(', ')', '](', '<', '>', '!', '![', '<http://x>', 'http://x.y/z', 'www.x.y') },
      { weight: 2, arbitrary: fc.constantFrom('&#27;', '&#x1b;', '&#X1B;', '&#155;', '&#x9b;', '&#7;', '&#0;', '&#127;', '&#xD800;', '&#1114112;', '&amp;', '&lt;', '&nbsp;', '&#27;[2J', '&#x1b;]52;c;aGk=&#7;') },
      { weight: 2, arbitrary: fc.constantFrom('<details>', '<summary>', '</summary>', '</details>', '<!--', '-->', '<br>', '<pre>', '</pre>', '<div>', '<span title="x">', '<script>', '</script>', '<a href="#x">') },
      { weight: 2, arbitrary: controls },
      { weight: 3, arbitrary: fc.constantFrom('text', 'word ', '中文字符', '👍🏽', 'é', 'e\u0301', '🇨🇳') },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const SGR = /\u001b\[[0-9;]*m/gu;

describe('sanitize, for any text', () => {
  it('leaves no control character but newline and tab, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = sanitize(text);
        expect(hasControl(clean)).toBe(false);
        expect(sanitize(clean)).toBe(clean);
      }),
      { numRuns: 1000 },
    );
  });

  it('inline: no control character at all, no newline or tab, idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = sanitizeInline(text);
        expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/u);
        expect(sanitizeInline(clean)).toBe(clean);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeping colour: only whole colour sequences remain', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const kept = sanitizeKeepingColour(text);
        expect(hasControl(kept.replace(SGR, ''))).toBe(false);
        expect(sanitizeKeepingColour(kept)).toBe(kept);
      }),
      { numRuns: 1000 },
    );
  });

  it('terminalJson: plain text that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { maxLength: 4 }), (texts) => {
        const json = terminalJson({ texts });
        expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u);
        expect(JSON.parse(json)).toEqual({ texts });
      }),
      { numRuns: 500 },
    );
  });
});

describe('rendering any Markdown', () => {
  it('never throws, and with colour off never prints an escape or control character', () => {
    fc.assert(
      fc.property(hostileMarkdown, fc.integer({ min: 1, max: 120 }), (markdown, width) => {
        const answer = renderMarkdown(markdown, { width, color: false });
        expect(answer).not.toContain('\u001b');
        expect(hasControl(answer)).toBe(false);
        const question = renderInline(markdown, { width, color: false });
        expect(hasControl(question)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('with colour on prints no control character but its own colour codes', () => {
    fc.assert(
      fc.property(hostileMarkdown, (markdown) => {
        const answer = renderMarkdown(markdown, { width: 60, color: true });
        expect(hasControl(answer.replace(SGR, ''))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('loading any Markdown', () => {
  it('never throws; every card points at a line of the note that is not blank', () => {
    fc.assert(
      fc.property(hostileMarkdown, (markdown) => {
        const { drafts, diagnostics } = parseNote(markdown, 'hostile.md', 'hostile');
        const lines = markdown.replace(/\r\n?/gu, '\n').split('\n');
        for (const diagnostic of diagnostics) expect(diagnostic.line).toBeLessThanOrEqual(lines.length);
        for (const draft of drafts) {
          expect(draft.source.line).toBeGreaterThanOrEqual(1);
          expect(draft.source.line).toBeLessThanOrEqual(lines.length);
          expect(lines[draft.source.line - 1]?.trim()).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('capNesting', () => {
  const nested = fc
    .array(fc.tuple(fc.array(fc.constantFrom('> ', '>', '- ', '* ', '1. ', '12) ', '  ', '\t', '    '), { maxLength: 120 }), fc.constantFrom('x', '', '- y', '\\z')), { maxLength: 8 })
    .map((lines) => lines.map(([prefix, rest]) => prefix.join('') + rest).join('\n'));

  it('keeps the number of lines, changes only lines it reports, and is idempotent', () => {
    fc.assert(
      fc.property(nested, (markdown) => {
        const capped = capNesting(markdown);
        const before = markdown.split('\n');
        const after = capped.text.split('\n');
        expect(after).toHaveLength(before.length);
        before.forEach((line, index) => {
          if (!capped.lines.includes(index)) expect(after[index]).toBe(line);
        });
        expect(capNesting(capped.text).text).toBe(capped.text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('graphemes of long text', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const piece = fc.constantFrom('a', ' ', 'é', 'e\u0301', '\u0301', '中', '👍🏽', '👨‍👩‍👧', '🇨🇳', '🇺🇸', '\r\n', 'क्षि', '\uD83D', '\uDE00', '\u200D');

  it('splits as Intl.Segmenter does on the whole text, across its windows', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 500, maxLength: 1500 }), (pieces) => {
        const text = pieces.join('');
        expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (part) => part.segment));
      }),
      { numRuns: 100 },
    );
  });
});
