import { describe, it } from 'vitest';
import { expectRule, type RuleCase } from './rule-table.js';
import { md } from './support.js';

/*
 * Rule 2: `<details>` blocks. A summary that only says "answer" reveals the answer to the prompt
 * above it, and what stands between the prompt and the block stays on the question side; a
 * summary that asks is a card of its own, and the text above it stays in the card above.
 */

describe('<details> summaries', () => {
  it.each<RuleCase>([
    {
      name: '"Answer" reveals the answer to the heading above; the code and options between stay in the question',
      note: md`
        ## What does this print?

        \`\`\`js
        console.log(typeof NaN);
        \`\`\`

        - A: "number"
        - B: "NaN"

        <details><summary>Answer</summary>

        A: NaN is a value of type number.

        </details>
      `,
      cards: ['What does this print?\n\n```js\nconsole.log(typeof NaN);\n```\n\n- A: "number"\n- B: "NaN" / -'],
      answers: ['NaN is a value of type number.'],
      diagnostics: [],
    },
    {
      name: '"答案", "查看答案", "Show answer" and "Solution" all answer the prompt above',
      note: md`
        ### 1. 下面代码输出什么？

        \`\`\`js
        console.log(1 + '1');
        \`\`\`

        <details><summary>答案</summary>

        \`'11'\`，字符串拼接。

        </details>

        ### 2. 下面代码输出什么？

        \`\`\`js
        console.log('3' * '2');
        \`\`\`

        <details><summary>查看答案</summary>

        \`6\`，乘法把字符串转成数字。

        </details>

        ### 3. What does \`[] + {}\` give?

        <details>
        <summary>Show answer</summary>

        The string \`"[object Object]"\`.

        </details>

        ### 4. Reverse a string in one line.

        <details><summary>Solution</summary>

        \`[...s].reverse().join('')\`

        </details>
      `,
      cards: [
        "下面代码输出什么？\n\n```js\nconsole.log(1 + '1');\n``` / -",
        "下面代码输出什么？\n\n```js\nconsole.log('3' * '2');\n``` / -",
        'What does `[] + {}` give? / -',
        'Reverse a string in one line. / -',
      ],
      answers: ["`'11'`，字符串拼接。", '`6`，乘法把字符串转成数字。', 'The string `"[object Object]"`.', "`[...s].reverse().join('')`"],
      diagnostics: [],
    },
    {
      name: 'a summary that asks is a card of its own; the text above it stays in the card above',
      note: md`
        ## What is a HashMap?

        An array of buckets, each a list or a tree of entries.

        <details>
        <summary>What is the default load factor?</summary>

        0.75.

        </details>
      `,
      cards: ['What is a HashMap? / -', 'What is the default load factor? / What is a HashMap?'],
      answers: ['An array of buckets, each a list or a tree of entries.', '0.75.'],
      diagnostics: [],
    },
    {
      name: '`<summary><h3>1. Guess the output?</h3>` + a code fence: number stripped, code part of the question',
      note: md`
        ---
        title: JS quiz
        ---
        ## Coding questions

        <details>
        <summary><h3>1. Guess the output?</h3>

        \`\`\`js
        console.log(0.1 + 0.2 === 0.3);
        \`\`\`
        </summary>

        \`false\`: floating point cannot hold 0.1 exactly.

        </details>

        <details>
        <summary><h3>2. Guess the output?</h3>

        \`\`\`js
        console.log([] + []);
        \`\`\`
        </summary>

        An empty string.

        </details>
      `,
      cards: ['Guess the output?\n\n```js\nconsole.log(0.1 + 0.2 === 0.3);\n``` / Coding questions', 'Guess the output?\n\n```js\nconsole.log([] + []);\n``` / Coding questions'],
      answers: ['`false`: floating point cannot hold 0.1 exactly.', 'An empty string.'],
      diagnostics: [],
    },
    {
      name: 'a level tag after the `</h3>` is not part of the question',
      note: md`
        <details>
        <summary><h3>3. What is the output of the following code?</h3> <span class="level-tag">Beginner</span>

        \`\`\`js
        console.log(typeof typeof 1);
        \`\`\`
        </summary>

        \`"string"\`.

        </details>
      `,
      cards: ['What is the output of the following code?\n\n```js\nconsole.log(typeof typeof 1);\n``` / -'],
      answers: ['`"string"`.'],
      diagnostics: [],
    },
    {
      name: 'near miss: a block whose summary asks but whose body is empty is reported, not a card',
      note: md`
        ## Closures

        <details><summary>What is a closure?</summary>

        </details>

        <details><summary>Why use a closure?</summary>

        To keep private state.

        </details>
      `,
      cards: ['Why use a closure? / Closures'],
      diagnostics: [[3, '<details>']],
    },
  ])('$name', expectRule);
});
