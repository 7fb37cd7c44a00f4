import { describe, it } from 'vitest';
import { expectRule, type RuleCase } from './rule-table.js';
import { md } from './support.js';

/*
 * Rule 7: an answer that only holds the place of one (`Answer here`, `TODO`, `待补充`) is no
 * answer; `<br/>` lines between questions are noise, in no answer.
 */

describe('rule 7: placeholders and <br/> separators', () => {
  it.each<RuleCase>([
    {
      name: '`Answer here`, `TODO` and `待补充` under headings: no card, each reported',
      note: md`
        ## What is A?

        Answer here

        ## What is B?

        B is the second letter.

        ## What is C?

        TODO

        ## 什么是 D？

        待补充
      `,
      cards: ['What is B? / -'],
      answers: ['B is the second letter.'],
      diagnostics: [
        [1, 'empty question "What is A?"'],
        [9, 'empty question "What is C?"'],
        [13, 'empty question "什么是 D？"'],
      ],
    },
    {
      name: 'bold questions separated by `<br/>`: a placeholder answer gives no card, the separators are in no answer',
      note: md`
        ## Basics

        **What is overfitting?**

        Fitting the noise rather than the signal.

        <br/>

        **What is underfitting?**

        Answer here

        <br/>

        **What is regularisation?**

        A penalty on large weights.

        <br />
      `,
      cards: ['What is overfitting? / -', 'What is regularisation? / -'],
      answers: ['Fitting the noise rather than the signal.', 'A penalty on large weights.'],
      diagnostics: [[9, 'a question has no answer under it (line 9)']],
    },
    {
      name: 'near miss: an answer that mentions TODO or says "answer" is an answer',
      note: md`
        ## What does TODO mean in code?

        TODO marks work left for later; linters can flag it.

        ## What is a placeholder answer?

        Answer here, TODO or 待补充: text that holds the place of an answer.
      `,
      cards: ['What does TODO mean in code? / -', 'What is a placeholder answer? / -'],
      diagnostics: [],
    },
    {
      name: 'a `<br/>` right under an answer, with no blank line, is noise too',
      note: md`
        ## Basics

        **What is a word embedding?**

        - a dense vector per word
        - similar words lie close
        <br/>

        **What is a tokenizer?**

        It splits text into units a model reads.
        <br>
      `,
      cards: ['What is a word embedding? / -', 'What is a tokenizer? / -'],
      answers: ['- a dense vector per word\n- similar words lie close', 'It splits text into units a model reads.'],
      diagnostics: [],
    },
    {
      name: '`A: TODO` after a `Q:` is no answer',
      note: md`
        ## Basics

        Q: What is a mutex?

        A: TODO

        Q: What is a semaphore?

        A: A counter that guards a pool of resources.
      `,
      cards: ['What is a semaphore? / -'],
      answers: ['A counter that guards a pool of resources.'],
      diagnostics: [[3, 'a question has no answer under it (line 3)']],
    },
  ])('$name', expectRule);
});

describe('what is in no card is said briefly', () => {
  it.each<RuleCase>([
    {
      name: 'a long heading over a list of questions is quoted up to 60 characters, an emoji kept whole',
      note: md`
        ## ${'很长的标题'.repeat(11)}🚀 and more

        - 什么是闭包？
        - 什么是原型？

        ## What is A?

        A.
      `,
      cards: ['What is A? / -'],
      diagnostics: [[3, `questions listed under "${'很长的标题'.repeat(11)}🚀 an…" have no answers`]],
    },
  ])('$name', expectRule);
});
