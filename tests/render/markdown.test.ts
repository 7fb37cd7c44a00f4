import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../src/render/markdown.js';
import { displayWidth } from '../../src/render/width.js';

const plain = (markdown: string, width = 80): string => renderMarkdown(markdown, { width, color: false });
const coloured = (markdown: string, width = 80): string => renderMarkdown(markdown, { width, color: true });

/** Control characters other than newline and tab, and the 8-bit CSI. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
/** Every escape sequence in the text that is not a colour (SGR) sequence. */
const nonColourEscapes = (text: string): string[] =>
  text.replace(/\x1b\[[0-9;]*m/g, '').match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g) ?? [];

const HOSTILE = [
  'Answer \x1b[2J cleared &#27;[2J entity &#x1b;]52;c;aGVsbG8=&#7; bell \x07 csi \u009b31m.',
  '',
  '- item \x1b]52;c;aGVsbG8=\x07 with **bold &#27;[31m** and `code \x1b[2J`',
  '- [link &#27;](http://x.com/&#27;[2J "t&#27;") ![alt &#27;](http://img.png)',
  '',
  '## heading &#27;[1m',
  '',
  '| a &#27; | b |',
  '|---|---|',
  '| \x1b[31m中文 | x |',
  '',
  '<div>html &#27;[2J \x1b[2J</div>',
  '',
  '```python',
  'print("\x1b[2J")  # &#27;',
  '```',
].join('\n');

describe('renderMarkdown: sanitising', () => {
  it('lets no control character from the note through, colour off', () => {
    const out = plain(HOSTILE);
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toContain('[2J');
    expect(out).not.toContain('52;c;');
    expect(out).toContain('Answer');
    expect(out).toContain('中文');
  });

  it('lets only colour sequences through, colour on', () => {
    const out = coloured(HOSTILE);
    expect(nonColourEscapes(out)).toEqual([]);
    expect(out).not.toContain('[2J');
    expect(out).not.toContain('52;c;');
  });

  it('keeps code blocks literal: an entity in code stays text', () => {
    expect(plain('```\n&#27;[2J &amp;\n```')).toBe('    &#27;[2J &amp;');
  });

  it('decodes character references in text', () => {
    expect(plain('a &amp; b &lt;c&gt; &quot;d&quot; &#x4e2d; &copy; 1 < 2 & 3')).toBe(
      'a & b <c> "d" 中 © 1 < 2 & 3',
    );
  });
});

describe('renderMarkdown: inline Markdown in list items', () => {
  it('renders bold and code spans, not their markers', () => {
    expect(plain('- uses **bold** and `code`\n- 第二项 **重点**')).toBe(
      '• uses bold and code\n• 第二项 重点',
    );
  });

  it('colours them when colour is on', () => {
    const out = coloured('- uses **bold** and `code`');
    expect(out).not.toContain('**');
    expect(out).not.toContain('`');
    expect(out).toContain('\x1b[1mbold\x1b[22m');
  });
});

describe('renderMarkdown: blocks', () => {
  it('prints headings inside an answer without #', () => {
    const out = plain('## 原理\n\n正文\n\n### Details\n\ntext');
    expect(out).toBe('原理\n\n正文\n\nDetails\n\ntext');
    expect(out).not.toContain('#');
  });

  it('renders a tab-indented nested list as a nested list', () => {
    expect(plain('- 网络\n\t- TCP\n\t- UDP\n- 存储\n\t1. 行存\n\t2. 列存')).toMatchInlineSnapshot(`
      "• 网络
        • TCP
        • UDP
      • 存储
        1. 行存
        2. 列存"
    `);
  });

  it('keeps code lines intact, without wrapping', () => {
    const line = '    return sorted(items, key=lambda item: (item.priority, item.created_at))  # stable';
    const out = plain(['```python', 'def f(items):', line, '```'].join('\n'), 40);
    expect(out.split('\n')).toEqual(['    def f(items):', `    ${line}`]);
  });

  it('renders ordered, loose and task lists', () => {
    expect(plain('9. nine\n10. ten')).toBe(' 9. nine\n10. ten');
    expect(plain('- one\n\n- two')).toBe('• one\n\n• two');
    expect(plain('- [ ] todo\n- [x] done')).toBe('• [ ] todo\n• [x] done');
  });

  it('renders blockquotes with a bar', () => {
    expect(plain('> quoted **text**\n>\n> more')).toBe('│ quoted text\n│\n│ more');
  });

  it('renders tables with box drawing', () => {
    expect(plain('| 协议 | 可靠 |\n|---|---|\n| TCP | 是 |\n| UDP | 否 |')).toMatchInlineSnapshot(`
      "┌──────┬──────┐
      │ 协议 │ 可靠 │
      ├──────┼──────┤
      │ TCP  │ 是   │
      ├──────┼──────┤
      │ UDP  │ 否   │
      └──────┴──────┘"
    `);
  });

  it('shows link URLs and image alt text with URL', () => {
    expect(plain('see [the RFC](https://www.rfc-editor.org/rfc/rfc793) and <https://x.com>')).toBe(
      'see the RFC (https://www.rfc-editor.org/rfc/rfc793) and https://x.com',
    );
    expect(plain('![三次握手](img/handshake.png)')).toBe('[image: 三次握手] img/handshake.png');
  });

  it('shows HTML blocks as their text', () => {
    expect(plain('<details>\n<summary>答案 &amp; 解析</summary>\n\n正文\n\n</details>')).toBe(
      '答案 & 解析\n\n正文',
    );
    expect(plain('a<br>b <kbd>Ctrl</kbd>+<kbd>C</kbd> <!-- note -->')).toBe('a\nb Ctrl+C');
    expect(plain('<style>p { color: red }</style>\n\n<pre>\n  x   y\n</pre>')).toBe('      x   y');
  });

  it('keeps a table row on one line when a cell has a line break', () => {
    const lines = plain('| 问题 | 答案 |\n|---|---|\n| 一<br>二 | 三 |').split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('│ 一 二 │ 三   │');
  });

  it('keeps emoji', () => {
    expect(plain('- ✅ 可靠 🤝')).toBe('• ✅ 可靠 🤝');
  });

  it('trims blank lines at both ends', () => {
    expect(plain('\n\n段落\n\n\n')).toBe('段落');
    expect(plain('')).toBe('');
  });
});

describe('renderMarkdown: wrapping', () => {
  const cjk = '传输控制协议是一种面向连接的、可靠的、基于字节流的传输层通信协议，由IETF的RFC793定义。'
    .repeat(5)
    .slice(0, 200);

  it('wraps a 200-character CJK paragraph to 40 columns without losing text', () => {
    const lines = plain(cjk, 40).split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines.join('')).toBe(cjk);
  });

  it('wraps CJK list items inside the width, keeping the indentation', () => {
    const out = plain(`- ${cjk}\n\t- ${cjk}`, 40);
    const lines = out.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines[0]?.startsWith('• 传输')).toBe(true);
    expect(lines[1]?.startsWith('  ')).toBe(true);
    const nested = lines.findIndex((line) => line.startsWith('  • '));
    expect(lines[nested + 1]?.startsWith('    ')).toBe(true);
  });

  it('wraps coloured text to the width too', () => {
    const out = coloured(`**${cjk}**`, 40);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('joins soft line breaks: a space between words, nothing between CJK', () => {
    expect(plain('one\ntwo\n三次\n握手')).toBe('one two 三次握手');
  });
});

describe('renderInline', () => {
  it('renders inline Markdown of a question without treating it as a block', () => {
    expect(renderInline('1986. `useEffect` 的**依赖**', { width: 80, color: false })).toBe(
      '1986. useEffect 的依赖',
    );
  });
});

describe('renderMarkdown: one renderer for many cards', () => {
  it('renders a card the same whatever was rendered before it, at any width', () => {
    const plain = 'A paragraph with **bold** and a list:\n\n- one\n- two\n';
    const nested = `${Array.from({ length: 20 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`;
    const table = '| a | b |\n|---|---|\n| 1 | 2 |\n';
    const first = renderMarkdown(plain, { width: 50, color: false });
    const narrow = renderMarkdown(plain, { width: 30, color: false });
    for (const other of [nested, table, '> quote\n> > deeper\n']) renderMarkdown(other, { width: 50, color: false });
    expect(renderMarkdown(plain, { width: 50, color: false })).toBe(first);
    expect(renderMarkdown(plain, { width: 30, color: false })).toBe(narrow);
    expect(narrow).not.toBe(first);
  });
});
