import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { breadcrumb, cardListLine } from '../../src/render/breadcrumb.js';
import { renderCard } from '../../src/render/card.js';
import { displayWidth } from '../../src/render/width.js';

const card: Card = {
  id: 'tcp-handshake',
  deck: '网络',
  path: ['TCP', '连接管理'],
  question: 'TCP 三次握手的过程？',
  answer: '1. 客户端发送 **SYN**\n2. 服务端回复 `SYN+ACK`\n3. 客户端发送 ACK\n',
  source: { file: 'network.md', line: 12 },
};

const hostile: Card = {
  ...card,
  id: 'x\x1b[2J',
  deck: 'deck\x1b]52;c;aGVsbG8=\x07',
  path: ['a\nb', 'c\u009b31m'],
  question: 'Why\x07 &#27;[2J?',
  answer: 'ok \x1b[2J',
};

describe('breadcrumb', () => {
  it('joins deck and sections', () => {
    expect(breadcrumb(card)).toBe('网络 › TCP › 连接管理');
    expect(breadcrumb({ deck: 'solo', path: [] })).toBe('solo');
  });

  it('is one sanitised line', () => {
    expect(breadcrumb(hostile)).toBe('deck › a b › c');
  });
});

describe('renderCard', () => {
  it('prints breadcrumb, question, a blank line and the answer', () => {
    expect(renderCard(card, { width: 60, color: false })).toMatchInlineSnapshot(`
      "网络 › TCP › 连接管理
      TCP 三次握手的过程？

      1. 客户端发送 SYN
      2. 服务端回复 SYN+ACK
      3. 客户端发送 ACK"
    `);
  });

  it('leaves out the blank line when there is no answer', () => {
    expect(renderCard({ ...card, answer: '' }, { width: 60, color: false })).toBe(
      '网络 › TCP › 连接管理\nTCP 三次握手的过程？',
    );
  });

  it('sanitises every piece of note text, colour on or off', () => {
    for (const color of [false, true]) {
      const out = renderCard(hostile, { width: 60, color });
      expect(out.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      expect(out).not.toContain('[2J');
    }
  });

  it('wraps a long question to the width', () => {
    const question = '请详细解释'.repeat(10);
    const out = renderCard({ ...card, question, answer: '' }, { width: 30, color: true });
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
  });
});

describe('cardListLine', () => {
  it('prints id, breadcrumb and question on one line', () => {
    expect(cardListLine(card, { width: 80, color: false })).toBe(
      'tcp-handshake  网络 › TCP › 连接管理  TCP 三次握手的过程？',
    );
  });

  it('cuts to the width', () => {
    const line = cardListLine(card, { width: 40, color: false });
    expect(displayWidth(line)).toBe(40);
    expect(line.endsWith('…')).toBe(true);
    expect(displayWidth(cardListLine(card, { width: 40, color: true }))).toBe(40);
  });

  it('is sanitised and stays on one line', () => {
    const line = cardListLine({ ...hostile, question: 'a\nb' }, { width: 80, color: false });
    expect(line).toBe('x  deck › a b › c  a b');
  });

  it('shortens a long place before the question, down to a share of the width', () => {
    const deck = 'Tricky Javascript Code Snippets Questions Asked in the Interview (es6/es7/es8/es9)';
    const line = cardListLine({ ...card, deck, path: [], question: 'Guess the output of this code?' }, { width: 80, color: false });
    expect(line).toBe('tcp-handshake  Tricky Javascript Code Snippets …  Guess the output of this code?');
    const long = cardListLine({ ...card, deck, path: [], question: 'Why? '.repeat(30) }, { width: 80, color: false });
    expect(long.startsWith('tcp-handshake  Tricky Javascript Cod…  Why? Why?')).toBe(true);
    expect(displayWidth(long)).toBe(80);
  });

  it('shows a question’s first paragraph, not the code that goes with it', () => {
    const line = cardListLine({ ...card, question: 'Guess the output?\n\n```js\nconsole.log(1)\n```' }, { width: 80, color: false });
    expect(line).toBe('tcp-handshake  网络 › TCP › 连接管理  Guess the output?');
  });
});
