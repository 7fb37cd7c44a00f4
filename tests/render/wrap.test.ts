import { describe, expect, it } from 'vitest';
import { displayWidth, stripAnsi } from '../../src/render/width.js';
import { wrapText } from '../../src/render/wrap.js';

const widest = (text: string): number => Math.max(...text.split('\n').map(displayWidth));

describe('wrapText', () => {
  it('breaks English at spaces', () => {
    expect(wrapText('the quick brown fox jumps over the lazy dog', 15)).toBe(
      'the quick brown\nfox jumps over\nthe lazy dog',
    );
  });

  it('breaks CJK between characters, counting two columns each', () => {
    const text = '传输控制协议是一种面向连接的可靠的基于字节流的传输层通信协议';
    const wrapped = wrapText(text, 20);
    expect(widest(wrapped)).toBeLessThanOrEqual(20);
    expect(wrapped.split('\n')[0]).toBe('传输控制协议是一种面');
    expect(wrapped.replace(/\n/g, '')).toBe(text);
  });

  it('does not start a line with closing punctuation', () => {
    expect(wrapText('一二三四。五六', 8)).toBe('一二三\n四。五六');
  });

  it('breaks between CJK and Latin words without adding spaces', () => {
    expect(wrapText('使用Redis缓存热点数据', 10)).toBe('使用Redis\n缓存热点数\n据');
  });

  it('splits a word longer than the line', () => {
    expect(wrapText('see https://example.com/very/long/path', 12)).toBe(
      'see\nhttps://exam\nple.com/very\n/long/path',
    );
  });

  it('keeps a run that just fits on the line, CJK punctuation included', () => {
    expect(wrapText('ab 一二三。', 11)).toBe('ab 一二三。');
    expect(wrapText('ab 一二三。', 10)).toBe('ab 一二\n三。');
    expect(wrapText('ab \x1b[1m一二\x1b[22m 三', 9)).toBe('ab \x1b[1m一二\x1b[22m\n三');
  });

  it('keeps hard line breaks', () => {
    expect(wrapText('one\ntwo three', 20)).toBe('one\ntwo three');
  });

  it('closes styles at a break and reopens them on the next line', () => {
    const wrapped = wrapText('plain \x1b[4munderlined words here\x1b[24m end', 12);
    const lines = wrapped.split('\n');
    expect(lines.map(stripAnsi)).toEqual(['plain', 'underlined', 'words here', 'end']);
    expect(lines[1]).toBe('\x1b[4munderlined\x1b[0m');
    expect(lines[2]).toBe('\x1b[4mwords here\x1b[24m');
  });
});
