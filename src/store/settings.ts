import { accessSync, constants, existsSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { PrepError } from '../errors.js';
import {
  checkDayStartsAt,
  checkMaximumInterval,
  checkRetention,
  defaultSchedulerOptions,
  parseSteps,
  type Checked,
  type Step,
} from '../schedule/options.js';
import { ensureDataDir, errorCode, readOwnFile, storeError } from './paths.js';

/*
 * Settings live in `<dataDir>/settings.json`, written by conf (atomically, the whole file on every
 * set). Reading does not go through conf: conf re-reads the file on every get, clears or throws on
 * a damaged file, and loading it (with its schema validator) would slow every command's start. So
 * the file is read once per command here, and conf is loaded only to save a value.
 */

/** The user's settings, defaults filled in. */
export interface Settings {
  /** New cards introduced per day. */
  newPerDay: number;
  /** Reviews (cards on day intervals) per day. */
  reviewsPerDay: number;
  /** Desired retention, 0.70–0.99. */
  retention: number;
  /** Local hour the user's day starts at, 0–23. */
  dayStartsAt: number;
  learningSteps: Step[];
  relearningSteps: Step[];
  /** Longest interval, in days. */
  maximumInterval: number;
  /** Note folders (absolute); empty means the notes bundled with prep. */
  contentDirs: string[];
  /** Editor command; empty means $VISUAL, then $EDITOR. */
  editor: string;
}

export type SettingKey = keyof Settings;

/** A setting as `prep config list` shows it. */
export interface SettingEntry {
  key: SettingKey;
  /** The value as text, in the form `prep config set` accepts. */
  value: string;
  /** True when the settings file does not set it. */
  isDefault: boolean;
}

/** Where a warning goes (the command layer prints it); the default writes to stderr. */
export type Warn = (message: string) => void;

const warnOnStderr: Warn = (message) => {
  process.stderr.write(`prep: warning: ${message}\n`);
};

interface KeySpec<T> {
  default: T;
  /** What is allowed, for messages. */
  allowed: string;
  /** Parses what the user typed after `prep config set <key>`. */
  parse(raw: string, cwd: string): Checked<T>;
  /** Reads the value stored in the settings file. */
  read(value: unknown, settingsDir: string): Checked<T>;
  /** The value as stored in the settings file. */
  store(value: T): unknown;
  /** The value as text, in the form `parse` accepts. */
  format(value: T): string;
}

type Specs = { [K in SettingKey]: KeySpec<Settings[K]> };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(message: string): Checked<T> => ({ ok: false, message });
const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/iu;

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && NUMBER.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

/** A number setting, checked by `check` (which also gives the message). */
function numberSpec(key: SettingKey, fallback: number, allowed: string, check: (n: number) => boolean): KeySpec<number> {
  const read = (value: unknown): Checked<number> => {
    const number = toNumber(value);
    return number !== undefined && check(number) ? ok(number) : bad(`${key} must be ${allowed} (got ${shown(value)})`);
  };
  return { default: fallback, allowed, parse: read, read, store: (n) => n, format: String };
}

const integerIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;

function stepsSpec(key: SettingKey, fallback: readonly Step[]): KeySpec<Step[]> {
  const allowed = 'steps such as "1m 10m" (units s, m, h, d; whole minutes) or "" for none';
  const parse = (raw: string): Checked<Step[]> => {
    const steps = parseSteps(raw);
    return steps.ok ? steps : bad(`${key}: ${steps.message}; allowed: ${allowed}`);
  };
  return {
    default: [...fallback],
    allowed,
    parse,
    read: (value) => {
      if (typeof value === 'string') {
        return parse(value);
      }
      if (Array.isArray(value) && value.every((step) => typeof step === 'string')) {
        return parse(value.join(' '));
      }
      return bad(`${key} must be ${allowed} (got ${JSON.stringify(value)})`);
    },
    store: (steps) => steps.join(' '),
    format: (steps) => steps.join(' '),
  };
}

function expandHome(folder: string): string {
  return folder === '~' || folder.startsWith('~/') ? join(homedir(), folder.slice(1)) : folder;
}

const contentDirsAllowed = `folders separated by "${delimiter}" (or a JSON array of folders), or "" for the notes bundled with prep`;

const contentDirs: KeySpec<string[]> = {
  default: [],
  allowed: contentDirsAllowed,
  parse: (raw, cwd) => {
    const text = raw.trim();
    let folders: string[];
    if (text.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || !parsed.every((folder) => typeof folder === 'string')) {
        return bad(`contentDirs must be ${contentDirsAllowed} (got ${JSON.stringify(raw)})`);
      }
      folders = parsed;
    } else {
      folders = text.split(delimiter);
    }
    const absolute = folders.map((folder) => folder.trim()).filter((folder) => folder !== '').map((folder) => resolve(cwd, expandHome(folder)));
    for (const folder of absolute) {
      let isFolder: boolean;
      try {
        isFolder = statSync(folder).isDirectory();
      } catch {
        isFolder = false;
      }
      if (!isFolder) {
        return bad(`contentDirs: there is no folder at ${folder}; allowed: ${contentDirsAllowed}`);
      }
    }
    return ok([...new Set(absolute)]);
  },
  read: (value, settingsDir) =>
    Array.isArray(value) && value.every((folder) => typeof folder === 'string')
      ? ok(value.map((folder) => resolve(settingsDir, expandHome(folder))))
      : bad(`contentDirs must be a list of folders (got ${JSON.stringify(value)})`),
  store: (folders) => folders,
  format: (folders) => (folders.some((folder) => folder.includes(delimiter)) ? JSON.stringify(folders) : folders.join(delimiter)),
};

const editor: KeySpec<string> = {
  default: '',
  allowed: 'an editor command, or "" for $VISUAL, then $EDITOR',
  parse: (raw) => ok(raw.trim()),
  read: (value) => (typeof value === 'string' ? ok(value.trim()) : bad(`editor must be a command (got ${JSON.stringify(value)})`)),
  store: (command) => command,
  format: (command) => command,
};

const specs: Specs = {
  newPerDay: numberSpec('newPerDay', 20, 'a whole number from 0 to 9999', integerIn(0, 9999)),
  reviewsPerDay: numberSpec('reviewsPerDay', 200, 'a whole number from 0 to 99999', integerIn(0, 99999)),
  retention: numberSpec('retention', defaultSchedulerOptions.retention, 'a number from 0.70 to 0.99', (n) => checkRetention(n).ok),
  dayStartsAt: numberSpec('dayStartsAt', defaultSchedulerOptions.dayStartsAt, 'a whole hour from 0 to 23', (n) => checkDayStartsAt(n).ok),
  learningSteps: stepsSpec('learningSteps', defaultSchedulerOptions.learningSteps),
  relearningSteps: stepsSpec('relearningSteps', defaultSchedulerOptions.relearningSteps),
  maximumInterval: numberSpec(
    'maximumInterval',
    defaultSchedulerOptions.maximumInterval,
    'a whole number of days from 1 to 36500',
    (n) => checkMaximumInterval(n).ok && n <= 36500,
  ),
  contentDirs,
  editor,
};

/** Every setting's name, in the order `prep config list` shows them. */
export const settingKeys = Object.keys(specs) as SettingKey[];

/** The settings prep uses when the settings file sets nothing. */
export function defaultSettings(): Settings {
  return {
    newPerDay: specs.newPerDay.default,
    reviewsPerDay: specs.reviewsPerDay.default,
    retention: specs.retention.default,
    dayStartsAt: specs.dayStartsAt.default,
    learningSteps: [...specs.learningSteps.default],
    relearningSteps: [...specs.relearningSteps.default],
    maximumInterval: specs.maximumInterval.default,
    contentDirs: [...specs.contentDirs.default],
    editor: specs.editor.default,
  };
}

/** The settings file: `<dataDir>/settings.json`, kept by conf. */
export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(specs, key);
}

function unknownKey(key: string): PrepError {
  return new PrepError(`unknown setting "${key}"; the settings are: ${settingKeys.join(', ')}`);
}

/**
 * Reads the settings file once: its keys, or nothing when it is missing. A file that is not a JSON
 * object is moved aside byte for byte to `settings.json.corrupt-<time>` with a warning, and
 * treated as empty: never cleared silently, as conf would.
 */
function readStored(dataDir: string, warn: Warn): Record<string, unknown> {
  const file = settingsPath(dataDir);
  const text = readOwnFile(file, 'the settings file');
  if (text === undefined) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  const backup = freeBackupName(file);
  try {
    renameSync(file, backup);
  } catch (error) {
    warn(`${file} is not a JSON object and could not be moved aside (${errorCode(error) ?? String(error)}); using the default settings`);
    return {};
  }
  warn(`${file} was not a JSON object; moved it to ${backup} and using the default settings`);
  return {};
}

/** `settings.json.corrupt-<time>`, with `-2`, `-3`… when that is taken: a backup never replaces an earlier one. */
function freeBackupName(file: string): string {
  const base = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

function settingsFrom(stored: Record<string, unknown>, dataDir: string, warn: Warn): { settings: Settings; set: Set<SettingKey> } {
  const settings = defaultSettings();
  const set = new Set<SettingKey>();
  const file = settingsPath(dataDir);
  const apply = <K extends SettingKey>(key: K, value: unknown): void => {
    const checked = specs[key].read(value, dirname(file));
    if (checked.ok) {
      settings[key] = checked.value;
      set.add(key);
    } else {
      warn(`${file}: ${checked.message}; using the default ${specs[key].format(specs[key].default) || '""'}`);
    }
  };
  for (const [key, value] of Object.entries(stored)) {
    if (isSettingKey(key)) {
      apply(key, value);
    } else if (key !== '__internal__') {
      warn(`${file}: ignored unknown setting "${key}"`);
    }
  }
  return { settings, set };
}

/**
 * The user's settings with defaults filled in, reading the settings file once. A bad stored
 * value, or an unreadable file, gives a warning and the default; nothing is rewritten.
 */
export function loadSettings(dataDir: string, warn: Warn = warnOnStderr): Settings {
  return settingsFrom(readStored(dataDir, warn), dataDir, warn).settings;
}

/** One setting as text (the form `prep config set` accepts); an unknown key is a PrepError. */
export function getSetting(dataDir: string, key: string, warn: Warn = warnOnStderr): string {
  if (!isSettingKey(key)) {
    throw unknownKey(key);
  }
  return formatOf(key, loadSettings(dataDir, warn)[key]);
}

/** Every setting as text, in {@link settingKeys} order. */
export function listSettings(dataDir: string, warn: Warn = warnOnStderr): SettingEntry[] {
  const { settings, set } = settingsFrom(readStored(dataDir, warn), dataDir, warn);
  return settingKeys.map((key) => ({ key, value: formatOf(key, settings[key]), isDefault: !set.has(key) }));
}

function formatOf<K extends SettingKey>(key: K, value: Settings[K]): string {
  return specs[key].format(value);
}

/**
 * Checks `raw` for `key` and saves it in the settings file (via conf). A bad value is refused with
 * a PrepError saying what is allowed, and nothing changes. Relative folders resolve against
 * `cwd`. Returns the value as saved, as text. (Async only because conf, which pulls in a JSON
 * schema validator, is loaded here rather than by every command that reads the settings.)
 */
export async function setSetting(dataDir: string, key: string, raw: string, cwd: string = process.cwd(), warn: Warn = warnOnStderr): Promise<string> {
  if (!isSettingKey(key)) {
    throw unknownKey(key);
  }
  return save(dataDir, key, raw, cwd, warn);
}

async function save<K extends SettingKey>(dataDir: string, key: K, raw: string, cwd: string, warn: Warn): Promise<string> {
  const spec: KeySpec<Settings[K]> = specs[key];
  const checked = spec.parse(raw, cwd);
  if (!checked.ok) {
    throw new PrepError(checked.message);
  }
  readStored(dataDir, warn);
  ensureDataDir(dataDir);
  const { default: Conf } = await import('conf');
  const file = settingsPath(dataDir);
  try {
    // conf's atomic write retries EACCES in a busy loop for a second; fail at once instead.
    accessSync(dataDir, constants.W_OK);
    const conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'prep',
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
    conf.set(key, spec.store(checked.value));
  } catch (error) {
    throw storeError(error, file, 'write the settings file');
  }
  return spec.format(checked.value);
}
