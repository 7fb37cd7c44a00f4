import { describe, it } from 'vitest';
import { expectRule, type RuleCase } from './rule-table.js';
import { md } from './support.js';

/*
 * Rule 6: a Chinese numeral followed only by a blank (`# 一 在go语言中…`) is an outline number
 * where the file numbers two or more headings that way; the `面试题：` label is stripped.
 */

describe('rule 6: outline numbers followed by a blank, and the 面试题： label', () => {
  it.each<RuleCase>([
    {
      name: '`## 一 …`, `## 二 …` mixed with `三、 ` and `十一、`: all numbers stripped',
      note: md`
        # Go 语法

        ## 一 在 Go 中 new 和 make 的区别？

        new 返回指针，make 初始化切片、映射和通道。

        ## 二 数组和切片的区别？

        数组定长，切片可以增长。

        ## 三、 什么是接口？

        方法签名的集合。

        ## 十一、defer 的执行顺序？

        后进先出。
      `,
      cards: ['在 Go 中 new 和 make 的区别？ / -', '数组和切片的区别？ / -', '什么是接口？ / -', 'defer 的执行顺序？ / -'],
      diagnostics: [],
    },
    {
      name: 'a title over `# 一 …` at its own level and `## 二 …` below',
      note: md`
        # Go 并发面试题

        # 一 什么是 goroutine？

        由运行时调度的轻量级线程。

        ## 二 goroutine 和线程有什么区别？

        栈更小，切换不进内核。
      `,
      cards: ['什么是 goroutine？ / Go 并发面试题', 'goroutine 和线程有什么区别？ / Go 并发面试题'],
      diagnostics: [],
    },
    {
      name: 'near miss: one heading starting with a numeral and a blank is not numbered that way',
      note: md`
        ## 一 个 goroutine 占多少内存？

        初始栈大约 2KB。

        ## 什么是调度器？

        把 goroutine 分配到线程上运行的部分。
      `,
      cards: ['一 个 goroutine 占多少内存？ / -', '什么是调度器？ / -'],
      diagnostics: [],
    },
    {
      name: 'near miss: a numeral and a blank in answers or code does not make headings numbered',
      note: md`
        ## 一 个进程能开多少线程？

        取决于内存：

        一 个线程默认占用 8MB 栈。

        \`\`\`
        二 个线程共享堆
        \`\`\`

        ## 什么是线程池？

        复用线程的池子。
      `,
      cards: ['一 个进程能开多少线程？ / -', '什么是线程池？ / -'],
      diagnostics: [],
    },
    {
      name: '`面试题：` labels on questions are stripped',
      note: md`
        ## 面试题：什么是零拷贝？

        数据在内核里直接送到网卡，不经用户态复制。

        ## 面试题：mmap 有什么用？

        把文件映射进进程的地址空间。
      `,
      cards: ['什么是零拷贝？ / -', 'mmap 有什么用？ / -'],
      diagnostics: [],
    },
  ])('$name', expectRule);
});
