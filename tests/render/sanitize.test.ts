import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeInline, sanitizeKeepingColour } from '../../src/render/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['clear screen (CSI)', 'a\x1b[2Jb', 'ab'],
    ['colour (CSI)', '\x1b[31mred\x1b[0m', 'red'],
    ['clipboard write (OSC 52, BEL)', 'a\x1b]52;c;aGVsbG8=\x07b', 'ab'],
    ['window title (OSC, ST)', 'a\x1b]0;pwned\x1b\\b', 'ab'],
    ['hyperlink (OSC 8)', '\x1b]8;;http://x\x07link\x1b]8;;\x07', 'link'],
    ['device control string', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['8-bit CSI (U+009B)', 'a\u009b31mb', 'ab'],
    ['8-bit OSC (U+009D) ended by U+009C', 'a\u009d0;x\u009cb', 'ab'],
    ['reset (ESC c)', 'a\x1bcb', 'ab'],
    ['charset (ESC ( B)', 'a\x1b(Bb', 'ab'],
    ['BEL, backspace, carriage return, DEL', 'a\x07\x08\r\x7fb', 'ab'],
    ['other C1', 'a\u0085\u0090\u009fb', 'ab'],
    ['lone ESC at the end', 'ab\x1b', 'ab'],
    ['unterminated OSC keeps its harmless text', 'a\x1b]52;c;x', 'a52;c;x'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('keeps ordinary text, newlines, tabs, CJK and emoji', () => {
    const text = 'TCP 三次握手\n\t- SYN, SYN+ACK, ACK 🤝 ｆｕｌｌ　width é';
    expect(sanitize(text)).toBe(text);
  });

  it('one-line variant turns newlines and tabs into spaces', () => {
    expect(sanitizeInline('a\nb\tc\x1b[2Jd')).toBe('a b cd');
  });

  it('colour-keeping variant keeps SGR sequences only', () => {
    expect(sanitizeKeepingColour('\x1b[1mbold\x1b[22m\x1b[2J\x1b]52;c;x\x07\x07')).toBe(
      '\x1b[1mbold\x1b[22m',
    );
  });
});
