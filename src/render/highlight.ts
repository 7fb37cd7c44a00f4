// Stands in for cli-highlight (which loads highlight.js with all of its ~190 languages, about
// 120 ms at every start): the build points marked-terminal's import here. highlight.js is
// loaded on the first code block that needs colour, with the languages notes use.
import { createRequire } from 'node:module';
import chalk from 'chalk';

interface HljsResult {
  value: string;
}

interface Hljs {
  registerLanguage(name: string, language: unknown): void;
  getLanguage(name: string): unknown;
  highlight(code: string, options: { language: string; ignoreIllegals: boolean }): HljsResult;
}

const LANGUAGES = [
  'bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'dockerfile', 'go', 'ini', 'java', 'javascript', 'json',
  'kotlin', 'lua', 'makefile', 'markdown', 'nginx', 'php', 'properties', 'protobuf', 'python', 'ruby',
  'rust', 'scala', 'shell', 'sql', 'swift', 'typescript', 'xml', 'yaml',
];

/** Other names notes give the languages above in their code fences. */
const ALIASES: Record<string, string> = { sh: 'bash', zsh: 'bash', console: 'shell', js: 'javascript', ts: 'typescript', py: 'python', yml: 'yaml', html: 'xml', golang: 'go', 'c++': 'cpp', cs: 'csharp', kt: 'kotlin', conf: 'ini', toml: 'ini', rs: 'rust', mysql: 'sql', postgresql: 'sql' };

type Paint = (text: string) => string;

const THEME: Record<string, Paint> = {
  keyword: chalk.blue,
  built_in: chalk.cyan,
  type: chalk.cyan,
  literal: chalk.blue,
  number: chalk.green,
  regexp: chalk.red,
  string: chalk.red,
  symbol: chalk.magenta,
  class: chalk.blue,
  function: chalk.yellow,
  title: chalk.yellow,
  comment: chalk.green,
  doctag: chalk.green,
  meta: chalk.gray,
  tag: chalk.gray,
  name: chalk.blue,
  attr: chalk.cyan,
  attribute: chalk.cyan,
  variable: chalk.magenta,
  section: chalk.bold,
  addition: chalk.green,
  deletion: chalk.red,
};

let hljs: Hljs | undefined;

function engine(): Hljs {
  if (hljs) return hljs;
  const require = createRequire(import.meta.url);
  const core = require('highlight.js/lib/core') as Hljs;
  for (const name of LANGUAGES) core.registerLanguage(name, require(`highlight.js/lib/languages/${name}`));
  hljs = core;
  return core;
}

/**
 * Colours code for the terminal as cli-highlight's `highlight(code, { language })` does;
 * code in a language it does not know comes back unchanged.
 */
export function highlight(code: string, options: { language?: string } = {}): string {
  const wanted = (options.language ?? '').toLowerCase();
  const language = ALIASES[wanted] ?? wanted;
  if (language === '' || !LANGUAGES.includes(language)) return code;
  const html = engine().highlight(code, { language, ignoreIllegals: true }).value;
  return htmlToAnsi(html);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };

/** highlight.js's `<span class="hljs-…">` markup as ANSI colours, nested spans inside their parents. */
function htmlToAnsi(html: string): string {
  const stack: Paint[] = [];
  let out = '';
  for (const part of html.split(/(<span class="[^"]*">|<\/span>)/u)) {
    if (part.startsWith('<span')) {
      const kind = /hljs-([\w-]+)/u.exec(part)?.[1] ?? '';
      stack.push(THEME[kind] ?? stack.at(-1) ?? ((text) => text));
    } else if (part === '</span>') {
      stack.pop();
    } else if (part !== '') {
      const text = part.replace(/&(?:amp|lt|gt|quot|#x27|#39);/gu, (entity) => ENTITIES[entity] ?? entity);
      const paint = stack.at(-1);
      out += paint ? text.split("\n").map((line) => paint(line)).join('\n') : text;
    }
  }
  return out;
}
