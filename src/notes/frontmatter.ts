import { createRequire } from 'node:module';
import type matterType from 'gray-matter';
import type { Diagnostic } from './card.js';
import { isPromptKind, PROMPT_KINDS, type PromptKind } from './prompt-kind.js';
import { readSimpleYaml } from './simple-yaml.js';

/** What a note's front matter can set for prep. */
export interface NoteSettings {
  /** The deck name: front matter `deck:` or `title:`. */
  deck?: string;
  /** The heading depth (1–6) that holds the questions, when the guess is wrong. */
  questionLevel?: number;
  /** The kind of prompt that holds the questions (`cards:`), when the guess is wrong. */
  cards?: PromptKind;
}

/** A note split into its front matter settings and its Markdown body. */
export interface SplitNote {
  settings: NoteSettings;
  body: string;
  /** The line of the file the body starts on. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

/** `---` and a language, the front matter's lines, and `---`; `----` opens no front matter (gray-matter agrees). */
const FRONT_MATTER_BLOCK = /^---(?!-)([^\n]*)\n((?:[\s\S]*?\n)?)---[ \t]*(?:\n|$)/u;
/** The languages front matter is read in (after `---`; none is YAML): data only, never code. */
const DATA_LANGUAGES = new Set(['', 'yaml', 'yml', 'json']);
const NOT_DATA = 'front matter in a language other than YAML or JSON is not read (it could run code); ignored';

let matter: typeof matterType | undefined;

/** gray-matter and js-yaml, loaded the first time a note has front matter (most have none). */
function frontMatterParser(): typeof matterType {
  matter ??= createRequire(import.meta.url)('gray-matter') as typeof matterType;
  return matter;
}

function refuseToExecute(): never {
  throw new Error('executable front matter is not allowed');
}

/** gray-matter runs `---js` front matter as code by default; prep never executes notes. */
const SAFE_OPTIONS = { engines: { js: refuseToExecute, javascript: refuseToExecute } };

/** Reads front matter (YAML, never executable code) and returns the body with its first line number. */
export function splitFrontMatter(text: string, file: string): SplitNote {
  const block = FRONT_MATTER_BLOCK.exec(text);
  if (!block) return { settings: {}, body: text, bodyLine: 1, diagnostics: [] };
  const bodyLine = 1 + countLines(block[0]);
  const body = text.slice(block[0].length);
  // gray-matter looks a language up among an object's keys: `---constructor` would find Object.
  if (!DATA_LANGUAGES.has((block[1] ?? '').trim().toLowerCase())) return { settings: {}, body, bodyLine, diagnostics: [{ file, line: 1, message: NOT_DATA }] };
  const simple = block[1] === '' ? readSimpleYaml(linesOf(block[2] ?? '')) : undefined;
  if (simple) return { settings: readSettings(simple), body, bodyLine, diagnostics: settingsProblems(simple, file) };
  try {
    const parsed = frontMatterParser()(text, SAFE_OPTIONS);
    return { settings: readSettings(parsed.data), body, bodyLine, diagnostics: settingsProblems(parsed.data, file) };
  } catch (error) {
    return { settings: {}, body, bodyLine, diagnostics: [{ file, line: errorLine(error), message: frontMatterMessage(error) }] };
  }
}

function readSettings(data: Record<string, unknown>): NoteSettings {
  const deck = [data.deck, data.title].find((value) => typeof value === 'string' && value.trim() !== '');
  const level = data.questionLevel;
  const cards = promptKindOf(data.cards);
  return {
    ...(typeof deck === 'string' ? { deck: deck.trim() } : {}),
    ...(isHeadingLevel(level) ? { questionLevel: level } : {}),
    ...(cards ? { cards } : {}),
  };
}

function settingsProblems(data: Record<string, unknown>, file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (data.questionLevel !== undefined && !isHeadingLevel(data.questionLevel)) {
    problems.push({ file, line: 1, message: `front matter questionLevel must be a heading depth from 1 to 6; ignored` });
  }
  if (data.cards !== undefined && !promptKindOf(data.cards)) {
    problems.push({ file, line: 1, message: `front matter cards must be one of ${PROMPT_KINDS.join(', ')}; ignored` });
  }
  return problems;
}

/** The prompt kind `cards:` names, in any case and with blanks around it. */
function promptKindOf(value: unknown): PromptKind | undefined {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return isPromptKind(name) ? name : undefined;
}

function isHeadingLevel(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
}

/** The file's line of a YAML error: js-yaml counts from 0 in the text after `---`, which starts with that line's newline. */
function errorLine(error: unknown): number {
  const mark = (error as { mark?: { line?: unknown } } | null)?.mark;
  return typeof mark?.line === 'number' ? mark.line + 1 : 1;
}

function frontMatterMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (/executable front matter|not registered/u.test(reason)) return NOT_DATA;
  const firstLine = (error as { reason?: unknown }).reason;
  return `invalid front matter, ignored: ${typeof firstLine === 'string' ? firstLine : reason.split('\n')[0]}`;
}

/** The lines of text that is empty or ends with a newline. */
function linesOf(text: string): string[] {
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

function countLines(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
