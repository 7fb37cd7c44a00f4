/*
 * Most front matter is a few `key: value` lines (`deck: Redis`, `questionLevel: 3`). Loading
 * gray-matter and js-yaml takes 40 to 60 ms here, about a tenth of loading notes-L's 200 files
 * (20 of which have such front matter), so those lines are read here and anything else still
 * goes to js-yaml. Only lines that YAML reads one way qualify; the result is what gray-matter
 * returns for them.
 */

/**
 * `key: value`, the value either a whole number (no leading zero, so never octal) or words that
 * start with a letter: ASCII letters and digits, CJK ideographs, `.`, `_` and `-`, one space
 * between words. No `:`, `#`, quote, bracket or other character that YAML gives a meaning, no
 * tab, no trailing blank. (Letters of every script, `\p{L}`, took 8 ms to compile.)
 */
const SIMPLE_LINE = /^([A-Za-z][\w-]*): +(?:([1-9]\d{0,8})|([A-Za-z\u4E00-\u9FFF][\w.\u4E00-\u9FFF-]*(?: [\w.\u4E00-\u9FFF-]+)*))$/u;

/** Words YAML reads as null or a boolean, as a key or a value. */
const YAML_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * The data of YAML made only of simple `key: value` lines (see {@link SIMPLE_LINE}), each key
 * once; undefined for anything else. No lines at all is empty data, as gray-matter has it.
 */
export function readSimpleYaml(lines: string[]): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    const match = SIMPLE_LINE.exec(line);
    const [, key = '', number, words = ''] = match ?? [];
    if (!match || YAML_WORDS.has(key) || YAML_WORDS.has(words) || Object.hasOwn(data, key)) return undefined;
    data[key] = number === undefined ? words : Number(number);
  }
  return data;
}
