import { describe, expect, it } from 'vitest';
import { cjkNumeral, isOutlineParent, splitOutlineNumber, type NumberScheme } from '../../src/notes/numbering.js';

describe('splitOutlineNumber strips outline numbers', () => {
  const cases: [heading: string, numbers: number[], scheme: NumberScheme, text: string][] = [
    ['一： 自我介绍', [1], 'cjk', '自我介绍'],
    ['一：自我介绍', [1], 'cjk', '自我介绍'],
    ['十一： Cookie与Session的区别：', [11], 'cjk', 'Cookie与Session的区别：'],
    ['二十一: 索引', [21], 'cjk', '索引'],
    ['一、什么是进程？', [1], 'cjk', '什么是进程？'],
    ['一. 什么是线程？', [1], 'cjk', '什么是线程？'],
    ['4.1: B树和B+树的区别？', [4, 1], 'dotted', 'B树和B+树的区别？'],
    ['12.1: Flask框架与Django框架的区别？', [12, 1], 'dotted', 'Flask框架与Django框架的区别？'],
    ['4.1 B树', [4, 1], 'dotted', 'B树'],
    ['4.1. B树', [4, 1], 'dotted', 'B树'],
    ['2.3.4 三级标题', [2, 3, 4], 'dotted', '三级标题'],
    ['1. What is a closure?', [1], 'arabic', 'What is a closure?'],
    ['1 What is a closure?', [1], 'arabic', 'What is a closure?'],
    ['1) What is a closure?', [1], 'arabic', 'What is a closure?'],
    ['1、什么是闭包？', [1], 'arabic', '什么是闭包？'],
    ['1. **什么是闭包？**', [1], 'arabic', '**什么是闭包？**'],
    ['Q12: What is hoisting?', [12], 'q', 'What is hoisting?'],
    ['Q12 What is hoisting?', [12], 'q', 'What is hoisting?'],
    ['题目001：两数之和', [1], 'label', '两数之和'],
    ['面试题 3: 反转链表', [3], 'label', '反转链表'],
    ['问题2：什么是 ACID？', [2], 'label', '什么是 ACID？'],
    ['三、什么是协程？', [3], 'cjk', '什么是协程？'],
    ['两百：大数', [200], 'cjk', '大数'],
    ['〇. 序', [0], 'cjk', '序'],
    ['(3) 什么是死锁？', [3], 'paren', '什么是死锁？'],
    ['（3）什么是死锁？', [3], 'paren', '什么是死锁？'],
    ['第三章 操作系统', [3], 'cjk', '操作系统'],
    ['第3题：反转链表', [3], 'cjk', '反转链表'],
    ['第十部分 网络', [10], 'cjk', '网络'],
    ['⭐️ 1. What is a closure?', [1], 'arabic', 'What is a closure?'],
  ];

  it.each(cases)('%s', (heading, numbers, scheme, text) => {
    expect(splitOutlineNumber(heading)).toEqual({ number: { numbers, scheme }, text });
  });
});

describe('splitOutlineNumber reads full-width digits and punctuation', () => {
  const cases: [heading: string, numbers: number[], text: string][] = [
    ['４．１：什么是B树？', [4, 1], '什么是B树？'],
    ['１２．１ Flask', [12, 1], 'Flask'],
    ['１．什么是闭包？', [1], '什么是闭包？'],
    ['Ｑ３：什么是闭包？', [3], '什么是闭包？'],
    ['（３）什么是死锁？', [3], '什么是死锁？'],
    ['ｑ１ 什么是闭包？', [1], '什么是闭包？'],
    ['（３) 什么是死锁？', [3], '什么是死锁？'],
  ];

  it.each(cases)('%s', (heading, numbers, text) => {
    const split = splitOutlineNumber(heading);
    expect(split.number?.numbers).toEqual(numbers);
    expect(split.text).toBe(text);
  });
});

describe('splitOutlineNumber strips a bare `Q.` label', () => {
  it.each([
    ['Q. What is hoisting?', 'What is hoisting?'],
    ['Q: What is hoisting?', 'What is hoisting?'],
  ])('%s', (heading, text) => {
    expect(splitOutlineNumber(heading)).toEqual({ text });
  });
});

describe('splitOutlineNumber leaves text that only starts with a digit', () => {
  it.each([
    '5层协议和7层协议',
    '404 错误是什么意思？',
    '2FA 是什么？',
    'HTTP/1.1 和 HTTP/2.0 有什么区别？',
    '字符串格式化:%和.format',
    '3D 渲染',
    '2021 年总结',
    '0.1 + 0.2 === 0.3 吗？',
    '1 + 1 等于几？',
    '１ + １ 等于几？',
    '2 ** 10 = ?',
    "1 == '1' 的结果？",
    'Q&A',
    'QPS 是什么？',
    '一致性哈希是什么？',
    '十分钟入门',
    '第一印象',
  ])('%s', (heading) => {
    expect(splitOutlineNumber(heading)).toEqual({ text: heading });
  });
});

describe('splitOutlineNumber drops decoration', () => {
  it.each([
    ['⭐️ JVM vs JDK vs JRE', 'JVM vs JDK vs JRE'],
    ['⭐️Redis 为什么这么快？', 'Redis 为什么这么快？'],
    ['🚀 1. 什么是闭包？', '什么是闭包？'],
    ['  什么是闭包？  ', '什么是闭包？'],
  ])('%s', (heading, text) => {
    expect(splitOutlineNumber(heading).text).toBe(text);
  });
});

describe('cjkNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['十九', 19],
    ['二十', 20],
    ['二十一', 21],
    ['两百', 200],
    ['一百零五', 105],
    ['百', 100],
    ['九百九十九', 999],
    ['零', 0],
    ['〇', 0],
  ])('%s → %d', (text, value) => {
    expect(cjkNumeral(text)).toBe(value);
  });

  it.each(['abc', '十a', '千', '十\u{20000}'])('%s is not a numeral', (text) => {
    expect(cjkNumeral(text)).toBeNaN();
  });
});

describe('isOutlineParent', () => {
  const number = (...numbers: number[]) => ({ numbers, scheme: 'dotted' as const });
  it.each([
    [[4], [4, 1], true],
    [[12], [12, 1], true],
    [[4, 1], [4, 1, 2], true],
    [[4], [5, 1], false],
    [[4, 1], [4, 1], false],
    [[4, 1], [4], false],
  ])('%j over %j → %s', (parent, child, expected) => {
    expect(isOutlineParent(number(...parent), number(...child))).toBe(expected);
  });
});
