/** Words that make a heading read as a question rather than a topic or an answer's part. */
const QUESTION_WORDS =
  /什么|为什么|为何|如何|怎么|怎样|哪些|哪个|哪几|哪种|是否|吗|么|区别|异同|优缺点|对比|说说|说一下|谈谈|讲讲|解释|描述|\bvs\.?\b/iu;
const QUESTION_START =
  /^(?:请|what|why|how|when|where|which|who|whom|whose|is|are|was|were|can|could|should|would|does|do|did|will|explain|describe|compare|define|name|list|give|tell|discuss|contrast|difference|differences)\b/iu;

/** True when a heading reads as a question: it ends with a question mark or asks in words. */
export function looksLikeQuestion(title: string): boolean {
  const text = trimEmphasisEnd(title).trim();
  return text.endsWith('?') || text.endsWith('？') || QUESTION_WORDS.test(text) || QUESTION_START.test(text);
}

const EMPHASIS_OR_BLANK = /[*_\s]/u;

/** The title without the emphasis marks and blanks it ends with; a loop, as `/[*_\s]+$/` is quadratic on long runs. */
function trimEmphasisEnd(title: string): string {
  let end = title.length;
  while (end > 0 && EMPHASIS_OR_BLANK.test(title.charAt(end - 1))) end--;
  return end === title.length ? title : title.slice(0, end);
}

const NOT_QUESTIONS =
  /^(?:参考|参考资料|参考文献|参考链接|参考文章|相关阅读|延伸阅读|推荐阅读|扩展阅读|相关文章|文章推荐|学习资源|相关资源|目录|文章目录|致谢|贡献者|references?|further reading|see also|resources|links|credits|acknowledge?ments|contributors|table of contents|contents|toc)\s*[:：]?$/iu;
/** Resources and links with a word or two before them: `Tutorial Resources`, `Useful links`. */
const NAMED_RESOURCES = /^[\w-]+(?:\s+[\w-]+)?\s+(?:resources|links)\s*[:：]?$/iu;

const ENDS_NAMING_LIST = /[sS:：]$/u;

/** True for headings that hold references or a table of contents, never questions. */
export function isReferenceHeading(title: string): boolean {
  const text = title.trim();
  return NOT_QUESTIONS.test(text) || (text.length < 40 && ENDS_NAMING_LIST.test(text) && NAMED_RESOURCES.test(text));
}

/** A title naming a collection of questions: `JavaScript Interview Questions`, `Golang常见面试题总结`, `FAQ`. */
const COLLECTION = /\bquestions\b|\bQ\s?&\s?As?\b|\bFAQs?\b|面试题|问答|题目汇总|题库|八股/iu;

/**
 * True when a heading names a collection of questions rather than asking one: the text under it
 * introduces them, and is not a card.
 */
export function namesCollection(title: string): boolean {
  return COLLECTION.test(title) && !/[?？]\s*$/u.test(title);
}

const TASK_START = /^(?:design|implement|build|write|create|develop|architect|model|设计|实现|手写|编写|手撕)/iu;

/** True when a title sets a task rather than asks (`Design Pastebin.com`, `实现一个 LRU 缓存`). */
export function setsTask(title: string): boolean {
  return TASK_START.test(title.trim());
}

/**
 * Headings that name a part of one answer rather than a question: the parts of a solved problem
 * (`题目描述`, `解题思路`, `Example 2`, `Complexity`) and the steps of a design (`Step 1: …`).
 */
const FACET =
  /^(?:题目描述|题目|问题描述|描述|解题思路|思路|思路分析|分析|解法|方法|代码|代码实现|复杂度(?:分析)?|示例|举例|例子|答案|解答|参考答案|题解|回答|description|problem(?: statement)?|examples?|solutions?|approach|complexity(?: analysis)?|code|implementation|explanation|answer|hints?|follow[- ]?up|constraints|input|output|usage)\s*\d{0,2}\s*[:：]?$|^(?:step|part|phase|stage)\s*\d+\b|^(?:步骤|第[一二三四五六七八九十\d]+步)/iu;

/** True when a heading names a facet of an answer (`题目描述`, `Example 2`, `Step 1: Outline use cases`). */
export function isFacet(title: string): boolean {
  const text = title.trim();
  return FACET_STARTS.has(text.charAt(0).toLowerCase()) && FACET.test(text);
}

/** The characters facet words start with: other titles are not matched against them. */
const FACET_STARTS = new Set([...'题问描解思分方代复示举例答参回步第', ...'dpesacihfoun']);
