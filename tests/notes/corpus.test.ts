import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card, Deckset } from '../../src/notes/card.js';
import { loadDeckset } from '../../src/notes/load.js';
import { splitOutlineNumber } from '../../src/notes/numbering.js';
import { repoRoot } from './support.js';

/** Real notes nobody on the project wrote, next to the repository (see its README); absent in a fresh clone. */
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpusDir);
if (!present) console.log(`corpus tests skipped: ${corpusDir} not found (real notes used to try the loader)`);

const files = {
  redis: 'javaguide/redis-questions-01.md',
  network: 'javaguide/other-network-questions.md',
  java: 'javaguide/java-basic-questions-01.md',
  h5bp: 'h5bp-zh/front-end-questions-zh.md',
};

function load(file: string): Deckset {
  return loadDeckset([path.join(corpusDir, file)]);
}

function card(cards: Card[], question: string): Card {
  const found = cards.filter((each) => each.question === question);
  expect(found, question).toHaveLength(1);
  return found[0] as Card;
}

describe('the corpus of real notes', () => {
  it.runIf(present).each([
    [files.java, 29],
    [files.network, 32],
    // 35 questions, and the text of the topic 线程模型 above its questions (数据类型's only points to two articles).
    [files.redis, 36],
    [files.h5bp, 0],
  ])('%s gives %d cards', (file, count) => {
    const { cards, files: reports } = load(file);
    expect(cards).toHaveLength(count);
    expect(reports).toEqual([{ file: path.join(corpusDir, file), cards: count, readable: true, reading: expect.any(String) }]);
  });

  it.runIf(present)('the javaguide notes load without problems; their introductions are noted', () => {
    for (const file of [files.java, files.network, files.redis]) {
      const { diagnostics } = load(file);
      expect(diagnostics.filter((each) => !each.note), file).toEqual([]);
      for (const each of diagnostics) expect(each.message, file).toMatch(/introduction/u);
    }
  });

  it.runIf(present)('the h5bp question list gives one no-structure diagnostic and no invented cards', () => {
    const { diagnostics } = load(files.h5bp);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: path.join(corpusDir, files.h5bp), line: 1 });
    expect(diagnostics[0]?.message).toMatch(/no question\/answer structure/u);
  });

  it.runIf(present)('JVM vs JDK vs JRE is one card whose answer holds its sub-headings', () => {
    const { cards } = load(files.java);
    const jvm = card(cards, 'JVM vs JDK vs JRE');
    expect(jvm.answer).toContain('#### JVM');
    expect(jvm.answer).toContain('#### JDK 和 JRE');
    expect(jvm.path).toEqual(['基础概念与常识']);
    expect(cards.some((each) => each.question === 'JVM' || each.question === 'JDK 和 JRE')).toBe(false);
  });

  it.runIf(present)('a question under a sub-section carries both section titles', () => {
    const { cards } = load(files.network);
    expect(card(cards, 'OSI 七层模型是什么？每一层的作用是什么？').path).toEqual(['计算机网络基础', '网络分层模型']);
    expect(card(cards, 'HTTP 状态码有哪些？').path).toEqual(['HTTP']);
  });

  it.runIf(present)('no question starts with an emoji or an outline number, and none is empty', () => {
    const cards = [files.java, files.network, files.redis].flatMap((file) => load(file).cards);
    for (const each of cards) {
      expect(each.question, each.question).not.toMatch(/^[\p{Extended_Pictographic}\u{FE0F}\s]/u);
      expect(splitOutlineNumber(each.question).number, each.question).toBeUndefined();
      expect(each.question.trim()).not.toBe('');
      expect(each.answer.trim(), each.question).not.toBe('');
    }
  });

  it.runIf(present)('no card comes from a 参考 section', () => {
    for (const file of [files.java, files.network, files.redis]) {
      const { cards } = load(file);
      const lines = readFileSync(path.join(corpusDir, file), 'utf8').split('\n');
      const references = lines.findIndex((line) => /^## 参考/u.test(line)) + 1;
      expect(references, file).toBeGreaterThan(0);
      for (const each of cards) {
        expect(each.source.line, each.question).toBeLessThan(references);
        expect(each.path.join('/'), each.question).not.toMatch(/参考/u);
        expect(each.question).not.toMatch(/^参考/u);
      }
    }
  });

  it.runIf(present)('# lines in code (#define, shell comments) are not headings: every card starts at a real heading', () => {
    for (const file of [files.java, files.network, files.redis]) {
      const lines = readFileSync(path.join(corpusDir, file), 'utf8').split('\n');
      for (const each of load(file).cards) {
        const heading = lines[each.source.line - 1] ?? '';
        expect(heading, `${file}:${each.source.line}`).toMatch(/^#{1,6} /u);
        expect(heading).not.toMatch(/^#(?:define|include|ifndef|endif)\b/u);
      }
    }
    const redis = load(files.redis).cards;
    expect(redis.some((each) => /^(?:define|ifndef|endif)\b/u.test(each.question))).toBe(false);
    expect(card(redis, 'Redis 后台线程了解吗？').answer).toContain('#define BIO_CLOSE_FILE');
  });

  it.runIf(present)('the front matter is not read as a heading', () => {
    const { cards } = load(files.redis);
    expect(cards[0]?.question).toBe('什么是 Redis？');
    expect(cards[0]?.deck).toBe('Redis常见面试题总结(上)');
    expect(cards.some((each) => /^(?:title|description|head):/mu.test(each.question))).toBe(false);
  });
});
