import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { cardIds, identityText } from '../../src/notes/identity.js';
import { parseNote } from '../../src/notes/parse.js';

interface NoteFile {
  file: string;
  text: string;
  deck?: string;
}

/** Loads notes the way loadDeckset does (parse each, then ids across all), without touching the disk. */
function load(...notes: NoteFile[]): { cards: Card[]; messages: string[] } {
  const parsed = notes.map((note) => parseNote(note.text, note.file, note.deck ?? 'deck'));
  const drafts = parsed.flatMap((note) => note.drafts);
  const { ids, diagnostics } = cardIds(drafts);
  const cards = drafts.map(({ explicitId, ...draft }, index): Card => ({ id: ids[index] ?? '', ...draft }));
  return { cards, messages: diagnostics.map((each) => `${each.file}:${each.line}: ${each.message}`) };
}

function note(text: string, file = 'notes/deck.md'): NoteFile {
  return { file, text };
}

/** The id of the card asking `question`, failing when there is not exactly one. */
function idOf(cards: Card[], question: string): string {
  const found = cards.filter((card) => card.question === question);
  expect(found, question).toHaveLength(1);
  return found[0]?.id ?? '';
}

const base = '## 一：什么是 Redis？\n\n内存数据库。\n\n## 二：Redis 为什么快？\n\n单线程、内存、IO 多路复用。\n';

describe('card ids are stable across everyday edits', () => {
  const before = idOf(load(note(base)).cards, 'Redis 为什么快？');

  it.each([
    ['the answer is rewritten', base.replace('单线程、内存、IO 多路复用。', '因为数据在内存里。\n\n- 还有别的原因')],
    ['a typo in the answer is fixed', base.replace('多路复用', '多路服用')],
    ['a card is added before it', `## 零：什么是缓存？\n\n放在快的地方。\n\n${base}`],
    ['a card is added after it', `${base}\n## 三：Redis 有哪些数据类型？\n\nString、Hash……\n`],
    ['a card before it is removed', base.replace('## 一：什么是 Redis？\n\n内存数据库。\n\n', '')],
    ['the outline number changes', base.replace('二：', '五：')],
    ['the heading level changes', base.replace(/^## /gmu, '### ')],
    ['front matter is added', `---\ncategory: db\n---\n${base}`],
    ['a preamble is added', `我的 Redis 笔记。\n\n${base}`],
    ['the width changes', base.replace('Redis 为什么快？', 'Ｒｅｄｉｓ 为什么快?')],
    ['the case changes', base.replace('Redis 为什么快？', 'REDIS 为什么快？')],
    ['white space changes', base.replace('Redis 为什么快？', 'Redis   为什么快？ ')],
    ['emphasis is added', base.replace('Redis 为什么快？', '**Redis** 为什么快？')],
    ['a ⭐️ is added', base.replace('Redis 为什么快？', '⭐️ Redis 为什么快？')],
  ])('when %s', (_name, text) => {
    const { cards } = load(note(text));
    const card = cards.find((each) => identityText(each.question) === identityText('Redis 为什么快？'));
    expect(card?.id).toBe(before);
  });

  it('when the file moves to another folder, the deck staying the same', () => {
    const moved = load(note(base, 'archive/2024/deck.md')).cards;
    expect(moved.map((card) => card.id)).toEqual(load(note(base)).cards.map((card) => card.id));
  });

  it('but not when the question itself changes, or the deck does', () => {
    expect(idOf(load(note(base.replace('为什么快', '为什么慢'))).cards, 'Redis 为什么慢？')).not.toBe(before);
    expect(idOf(load({ file: 'x.md', text: base, deck: 'other' }).cards, 'Redis 为什么快？')).not.toBe(before);
  });

  it('is a short lower-case hex string', () => {
    expect(before).toMatch(/^[0-9a-f]{10}$/u);
  });
});

describe('repeated questions', () => {
  const quiz = (answers: string[]) =>
    answers.map((answer, index) => `## ${index + 1}. What is the output?\n\n\`\`\`js\nconsole.log(${index});\n\`\`\`\n\n${answer}\n`).join('\n');
  const answers = Array.from({ length: 10 }, (_, index) => `It prints ${index}.`);

  it('ten "What is the output?" get ten distinct ids', () => {
    const { cards, messages } = load(note(quiz(answers)));
    expect(cards).toHaveLength(10);
    expect(new Set(cards.map((card) => card.id)).size).toBe(10);
    expect(messages).toEqual([]);
  });

  it('the ids stay when an answer changes', () => {
    const ids = load(note(quiz(answers))).cards.map((card) => card.id);
    const edited = answers.map((answer, index) => (index === 4 ? 'Something else entirely.' : answer));
    expect(load(note(quiz(edited))).cards.map((card) => card.id)).toEqual(ids);
  });

  it('a duplicate added after the existing ones leaves their ids alone', () => {
    const ids = load(note(quiz(answers))).cards.map((card) => card.id);
    const grown = load(note(quiz([...answers, 'It prints 10.']))).cards.map((card) => card.id);
    expect(grown.slice(0, 10)).toEqual(ids);
    expect(ids).not.toContain(grown[10]);
  });

  it('the first of a question keeps its id when a duplicate is added after it', () => {
    const single = idOf(load(note('## What is the output?\n\n1\n')).cards, 'What is the output?');
    const { cards } = load(note('## What is the output?\n\n1\n\n## What is the output?\n\n2\n'));
    expect(cards.map((card) => card.id)).toEqual([single, expect.not.stringMatching(single)]);
  });

  it('duplicates in different sections are told apart by their section, whatever their order within it', () => {
    const text = '## Arrays\n\n### What is the output?\n\nA\n\n## Promises\n\n### What is the output?\n\nP\n';
    const { cards } = load(note(text));
    expect(new Set(cards.map((card) => card.id)).size).toBe(2);
    const grown = load(note(text.replace('## Promises\n', '## Promises\n\n### What is a promise?\n\nA value later.\n'))).cards;
    expect(grown.filter((card) => card.question === 'What is the output?').map((card) => card.id)).toEqual(cards.map((card) => card.id));
  });

  it('the same question in two decks gets two ids, each stable', () => {
    const text = '## What is the output?\n\n1\n';
    const { cards } = load({ file: 'a.md', text, deck: 'a' }, { file: 'b.md', text, deck: 'b' });
    expect(new Set(cards.map((card) => card.id)).size).toBe(2);
    expect(load({ file: 'b.md', text, deck: 'b' }).cards[0]?.id).toBe(cards[1]?.id);
  });
});

describe('explicit ids written in the note', () => {
  it.each([
    ['on the heading line', '## What is TCP? <!-- id: tcp-basics -->\n\nReliable.\n'],
    ['on the line after the heading', '## What is TCP?\n<!-- id: tcp-basics -->\n\nReliable.\n'],
    ['on a <details> question', '## What is TCP? <!-- id: tcp-basics -->\n\n<details><summary>Answer</summary>\n\nReliable.\n\n</details>\n'],
  ])('win, %s', (_name, text) => {
    const { cards, messages } = load(note(text));
    expect(cards.map((card) => [card.id, card.question, card.answer])).toEqual([['tcp-basics', 'What is TCP?', 'Reliable.']]);
    expect(messages).toEqual([]);
  });

  it('keep the id when the question is reworded', () => {
    const { cards } = load(note('## What does TCP guarantee?\n<!-- id: tcp-basics -->\n\nOrder and delivery.\n'));
    expect(cards[0]?.id).toBe('tcp-basics');
  });

  it('used twice: a diagnostic at the second card, which gets an id of its own', () => {
    const text = '## What is TCP?\n<!-- id: net-1 -->\n\nReliable.\n\n## What is UDP?\n<!-- id: net-1 -->\n\nDatagrams.\n';
    const { cards, messages } = load(note(text));
    expect(cards[0]?.id).toBe('net-1');
    expect(cards[1]?.id).not.toBe('net-1');
    expect(cards[1]?.id).toMatch(/^[0-9a-f]{10}$/u);
    expect(messages).toEqual([expect.stringMatching(/^notes\/deck\.md:6: id "net-1"/u)]);
  });

  it('used in two files: reported at the later one', () => {
    const { messages } = load(note('## A?\n<!-- id: same -->\n\nA.\n', 'a.md'), note('## B?\n<!-- id: same -->\n\nB.\n', 'b.md'));
    expect(messages).toEqual([expect.stringMatching(/^b\.md:1: /u)]);
  });

  it('never collide with the ids of other cards', () => {
    const plain = load(note('## What is UDP?\n\nDatagrams.\n')).cards[0]?.id ?? '';
    const { cards } = load(note(`## What is TCP?\n<!-- id: ${plain} -->\n\nReliable.\n\n## What is UDP?\n\nDatagrams.\n`));
    expect(cards[0]?.id).toBe(plain);
    expect(cards[1]?.id).not.toBe(plain);
  });
});

describe('identityText', () => {
  it.each([
    ['Ｒｅｄｉｓ', 'redis'],
    ['  What   is\tTCP? ', 'what is tcp?'],
    ['什么是 **闭包**？', '什么是 闭包?'],
    ['What does `map` return?', 'what does map return?'],
    ['＊強調＊ と ｀code｀', '強調 と code'],
  ])('%s → %s', (question, expected) => {
    expect(identityText(question)).toBe(expected);
  });
});
