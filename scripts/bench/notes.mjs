// Generates the L note set: FILES Markdown files of CARDS_PER_FILE questions each, Chinese and
// English mixed, like real interview notes (numbered headings, code blocks, tables, tab-indented
// lists, a few <details> blocks). Deterministic for a given seed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { makeRandom } from './random.mjs';

export const FILES = 200;
export const CARDS_PER_FILE = 50;
/** The word `prep show` looks for on L: it is put into a few dozen cards and nowhere else. */
export const SEARCH_WORD = 'etcd';

const TOPICS = [
  ['redis', 'Redis'], ['mysql', 'MySQL'], ['kafka', 'Kafka'], ['jvm', 'JVM'], ['golang', 'Go'],
  ['python', 'Python'], ['linux', 'Linux'], ['network', '计算机网络'], ['http', 'HTTP'], ['docker', 'Docker'],
  ['kubernetes', 'Kubernetes'], ['spring', 'Spring'], ['react', 'React'], ['algorithm', '算法'],
  ['os', '操作系统'], ['distributed', '分布式系统'], ['mq', '消息队列'], ['security', '网络安全'],
  ['design', '系统设计'], ['javascript', 'JavaScript'],
];

const CONCEPTS_ZH = [
  '持久化', '主从复制', '哨兵机制', '缓存穿透', '缓存雪崩', '缓存击穿', '分布式锁', '事务隔离级别', '索引',
  'B+树', '聚簇索引', '回表', '最左前缀', '死锁', 'MVCC', '垃圾回收', '类加载', '双亲委派', '内存模型',
  '线程池', '协程', '调度器', '通道', '闭包', '装饰器', '生成器', 'GIL', '虚拟内存', '页表', '进程通信',
  '三次握手', '四次挥手', '拥塞控制', '滑动窗口', '负载均衡', '一致性哈希', '限流', '熔断', '降级', '幂等',
  '消息积压', '顺序消费', '副本同步', '选主', '零拷贝', '事件循环', '原型链', '虚拟DOM', '依赖注入', '跨域',
  '最长公共子序列', '动态规划', '二分查找', '快速排序', '堆排序', '红黑树', '跳表', '布隆过滤器', '令牌桶',
];
const CONCEPTS_EN = [
  'AOF rewrite', 'RDB snapshot', 'write-ahead log', 'two-phase commit', 'CAP theorem', 'Raft', 'Paxos',
  'consistent hashing', 'rate limiter', 'circuit breaker', 'goroutine leak', 'context cancellation',
  'garbage collector', 'memory barrier', 'happens-before', 'copy-on-write', 'epoll', 'select/poll',
  'TCP keepalive', 'TLS handshake', 'HTTP/2 multiplexing', 'CORS preflight', 'event loop', 'microtask',
  'React hooks', 'reconciliation', 'dependency injection', 'bean lifecycle', 'AOP proxy', 'ConcurrentHashMap',
  'volatile', 'synchronized', 'ReentrantLock', 'CAS', 'ABA problem', 'LRU cache', 'sharding', 'replication lag',
  'idempotency key', 'exactly-once delivery', 'consumer group', 'partition rebalance', 'cgroups', 'namespaces',
  'overlay network', 'liveness probe', 'rolling update', 'service mesh', 'SQL injection', 'XSS', 'CSRF token',
];

const ZH_PHRASES = [
  '在高并发场景下需要特别注意', '本质上是用空间换时间', '可以通过异步的方式来解决', '需要结合具体的业务场景来分析',
  '这是面试中经常被问到的问题', '底层依赖操作系统提供的能力', '会带来一定的性能开销', '常见的做法是先加锁再检查',
  '数据一致性和可用性之间需要权衡', '如果处理不当会导致内存泄漏', '通常使用一个后台线程定期清理', '写入时先记录日志再修改数据',
  '读多写少的场景比较适合', '主要目的是减少磁盘IO的次数', '需要考虑网络分区的情况', '可以把大任务拆成多个小任务',
  '时间复杂度是O(log n)', '最坏情况下会退化成链表', '实现起来比较简单，但是扩展性一般', '线上出现过类似的问题，最后通过监控定位到',
  '客户端需要做好重试和超时控制', '服务端返回之前要先持久化', '默认配置在大多数情况下已经够用', '要避免在循环里频繁创建对象',
];
const EN_SENTENCES = [
  'The key idea is to trade memory for speed.', 'This only holds when the workload is read-heavy.',
  'In practice you combine it with a timeout and a retry budget.', 'The trade-off is latency versus throughput.',
  'Measure before you optimise: the bottleneck is rarely where you expect.', 'It is safe as long as the operation is idempotent.',
  'Under contention the lock becomes the bottleneck.', 'The worst case is linear, the average case logarithmic.',
  'Most production incidents come from misconfigured limits.', 'Prefer the simple solution until the numbers say otherwise.',
  'The write is acknowledged only after it reaches a quorum.', 'Readers never block writers, and writers never block readers.',
  'Backpressure keeps a fast producer from drowning a slow consumer.', 'Each request carries a deadline that the callee respects.',
];

const CJK_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Question templates: [English?, make(a, b)]. */
const QUESTION_TEMPLATES = [
  [false, (a, b) => `${a}和${b}有什么区别？`],
  [false, (a) => `说一下${a}的原理？`],
  [false, (a) => `${a}是如何实现的？`],
  [false, (a, b) => `为什么${a}要使用${b}？`],
  [false, (a) => `${a}的优缺点是什么？`],
  [false, (a) => `如何解决${a}带来的问题？`],
  [true, (a, b) => `What is the difference between ${a} and ${b}?`],
  [true, (a) => `How does ${a} work?`],
  [true, (a, b) => `When would you choose ${a} over ${b}?`],
  [true, (a) => `Explain ${a} in one minute.`],
  [false, (a, b) => `谈谈你对${a}的理解，和${b}相比呢？`],
  [false, (a) => `线上遇到${a}相关的故障怎么排查？`],
];

const CODE = {
  python: (r, n) => [
    `def ${n}(items, limit=${r.int(2, 64)}):`,
    `    """${r.pick(EN_SENTENCES)}"""`,
    `    seen = set()`,
    `    for item in items:`,
    `        if item in seen:`,
    `            continue`,
    `        seen.add(item)`,
    `        yield item[:limit]`,
  ],
  js: (r, n) => [
    `async function ${n}(client, key) {`,
    `  const cached = await client.get(key);`,
    `  if (cached !== null) return JSON.parse(cached);`,
    `  const value = await load(key); // ${r.pick(ZH_PHRASES)}`,
    `  await client.set(key, JSON.stringify(value), 'EX', ${r.int(10, 3600)});`,
    `  return value;`,
    `}`,
  ],
  java: (r, n) => [
    `public class ${n[0].toUpperCase()}${n.slice(1)} {`,
    `    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();`,
    ``,
    `    public int increment(String key) {`,
    `        // ${r.pick(ZH_PHRASES)}`,
    `        return counts.merge(key, ${r.int(1, 9)}, Integer::sum);`,
    `    }`,
    `}`,
  ],
  go: (r, n) => [
    `func ${n}(ctx context.Context, jobs <-chan Job) error {`,
    `\tfor {`,
    `\t\tselect {`,
    `\t\tcase <-ctx.Done():`,
    `\t\t\treturn ctx.Err()`,
    `\t\tcase job := <-jobs:`,
    `\t\t\tif err := job.Run(${r.int(1, 16)}); err != nil {`,
    `\t\t\t\treturn fmt.Errorf("job %d: %w", job.ID, err)`,
    `\t\t\t}`,
    `\t\t}`,
    `\t}`,
    `}`,
  ],
  sql: (r, n) => [
    `-- ${r.pick(ZH_PHRASES)}`,
    `SELECT u.id, u.name, COUNT(o.id) AS orders`,
    `FROM users u`,
    `LEFT JOIN orders o ON o.user_id = u.id AND o.created_at > NOW() - INTERVAL ${r.int(1, 90)} DAY`,
    `WHERE u.status = '${n}'`,
    `GROUP BY u.id, u.name`,
    `HAVING COUNT(o.id) > ${r.int(1, 20)}`,
    `ORDER BY orders DESC LIMIT 10;`,
  ],
  shell: (r, n) => [
    `# ${r.pick(EN_SENTENCES)}`,
    `for pid in $(pgrep -f ${n}); do`,
    `  grep -E 'VmRSS|Threads' /proc/$pid/status`,
    `done`,
    `ss -tanp | awk '{print $1}' | sort | uniq -c | sort -rn | head -${r.int(3, 20)}`,
  ],
};
const LANGUAGES = Object.keys(CODE);
const NAMES = ['worker', 'dedupe', 'fetchUser', 'counter', 'drain', 'active', 'rebalance', 'evict', 'retry', 'flush'];

function sentence(r, extra) {
  const parts = [];
  const count = r.int(1, 2);
  for (let i = 0; i < count; i++) {
    if (r.chance(0.6)) {
      parts.push(`${r.pick(ZH_PHRASES)}，${r.chance(0.5) ? `比如 \`${r.pick(CONCEPTS_EN)}\`` : `例如**${r.pick(CONCEPTS_ZH)}**`}。`);
    } else {
      parts.push(r.pick(EN_SENTENCES));
    }
  }
  if (extra) parts.push(extra);
  return parts.join(' ');
}

function bulletList(r, indent, extra) {
  const lines = [];
  const items = r.int(2, 4);
  for (let i = 0; i < items; i++) {
    lines.push(`- ${r.pick(CONCEPTS_ZH)}： ${sentence(r, i === 0 ? extra : undefined)}`);
    if (r.chance(0.45)) {
      const subs = r.int(1, 2);
      for (let j = 0; j < subs; j++) lines.push(`${indent}- ${r.chance(0.5) ? r.pick(ZH_PHRASES) : r.pick(EN_SENTENCES)}`);
    }
  }
  return lines.join('\n');
}

function table(r) {
  const columns = r.int(2, 4);
  const head = ['对比项', 'A', 'B', 'C'].slice(0, columns);
  const lines = [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(columns)}`];
  const rows = r.int(2, 5);
  for (let i = 0; i < rows; i++) {
    const cells = [r.pick(CONCEPTS_ZH)];
    for (let j = 1; j < columns; j++) cells.push(r.chance(0.5) ? r.pick(CONCEPTS_EN) : `${r.int(1, 999)} ms`);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function codeBlock(r) {
  const language = r.pick(LANGUAGES);
  return ['```' + language, ...CODE[language](r, r.pick(NAMES)), '```'].join('\n');
}

/** An answer of roughly `target` bytes. */
function answer(r, { tabs, target, mention }) {
  const blocks = [];
  let size = 0;
  let first = true;
  do {
    const kind = first ? r.weighted([['list', 6], ['text', 3], ['code', 1]]) : r.weighted([['list', 4], ['text', 3], ['code', 2], ['table', 1]]);
    const extra = first && mention ? `参考 ${SEARCH_WORD} 的做法。` : undefined;
    let block;
    if (kind === 'list') block = bulletList(r, tabs ? '\t' : r.pick(['  ', '    ']), extra);
    else if (kind === 'text') block = sentence(r, extra);
    else if (kind === 'code') block = codeBlock(r);
    else block = table(r);
    blocks.push(block);
    size += Buffer.byteLength(block);
    first = false;
  } while (size < target);
  return blocks.join('\n\n');
}

function question(r, topic, mention) {
  const [en, template] = r.pick(QUESTION_TEMPLATES);
  const a = mention ? SEARCH_WORD : en ? r.pick(CONCEPTS_EN) : r.chance(0.3) ? `${topic} ${r.pick(CONCEPTS_ZH)}` : r.pick(CONCEPTS_ZH);
  const b = en ? r.pick(CONCEPTS_EN) : r.pick(CONCEPTS_ZH);
  return template(a, b);
}

/**
 * Writes the L notes under `dir` and returns `{ files, bytes }`. Roughly one card in 250 asks
 * about SEARCH_WORD and one in 500 mentions it in its answer.
 */
export function generateNotes(dir, seed = 20240607) {
  const r = makeRandom(seed);
  let bytes = 0;
  let cardIndex = 0;
  for (let f = 0; f < FILES; f++) {
    const [slug, topic] = TOPICS[f % TOPICS.length];
    const folder = join(dir, slug);
    mkdirSync(folder, { recursive: true });
    const tabs = f % 4 === 1;
    const details = f % 40 === 3;
    const lines = [];
    if (f % 10 === 5) lines.push('---', `deck: ${slug}-${f}`, '---', '');
    if (f % 3 === 0) lines.push(`# ${topic} 面试题整理（第 ${f + 1} 篇）`, '', sentence(r), '');
    const sections = r.int(4, 8);
    const perSection = Array.from({ length: sections }, () => Math.floor(CARDS_PER_FILE / sections));
    for (let i = 0; i < CARDS_PER_FILE % sections; i++) perSection[i] += 1;
    perSection.forEach((count, s) => {
      const number = r.weighted([['cjk', 5], ['plain', 2], ['arabic', 2]]);
      const title = `${topic} ${r.pick(CONCEPTS_ZH)}`;
      lines.push(number === 'cjk' ? `## ${CJK_NUMBERS[s]}： ${title}` : number === 'arabic' ? `## ${s + 1}. ${title}` : `## ${title}`, '');
      for (let q = 0; q < count; q++) {
        const ask = cardIndex % 250 === 7;
        const mention = cardIndex % 500 === 100;
        const heading = question(r, topic, ask);
        const numbered = r.weighted([['dotted', 6], ['q', 1], ['none', 2]]);
        const prefix = numbered === 'dotted' ? `${s + 1}.${q + 1}: ` : numbered === 'q' ? `Q${q + 1}: ` : '';
        lines.push(`### ${prefix}${heading}`);
        const body = answer(r, { tabs, target: r.int(0, 250), mention });
        if (details) lines.push('', '<details><summary>答案</summary>', '', body, '', '</details>', '');
        else lines.push(body, '');
        cardIndex++;
      }
    });
    const text = `${lines.join('\n')}\n`;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(folder, `${slug}-${String(f + 1).padStart(3, '0')}.md`), text);
  }
  return { files: FILES, bytes };
}
