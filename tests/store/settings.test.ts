import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrepError } from '../../src/errors.js';
import { defaultSettings, getSetting, listSettings, loadSettings, setSetting, settingKeys, settingsPath } from '../../src/store/settings.js';
import { testdir } from '../helpers/testdir.js';

/** Collects warnings instead of printing them. */
function collector(): { warn: (message: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (message) => warnings.push(message), warnings };
}

describe('settings defaults', () => {
  it('are used when there is no settings file, and reading creates nothing', () => {
    const dir = join(testdir(), 'data');
    const { warn, warnings } = collector();
    expect(loadSettings(dir, warn)).toEqual({
      newPerDay: 20,
      reviewsPerDay: 200,
      retention: 0.9,
      dayStartsAt: 4,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      maximumInterval: 36500,
      contentDirs: [],
      editor: '',
    });
    expect(warnings).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('are listed as key and text, marked as defaults', () => {
    const dir = testdir();
    expect(listSettings(dir).map(({ key, value, isDefault }) => `${key} = ${value}${isDefault ? '' : ' *'}`)).toEqual([
      'newPerDay = 20',
      'reviewsPerDay = 200',
      'retention = 0.9',
      'dayStartsAt = 4',
      'learningSteps = 1m 10m',
      'relearningSteps = 10m',
      'maximumInterval = 36500',
      'contentDirs = ',
      'editor = ',
    ]);
  });
});

describe('setSetting / getSetting', () => {
  it.each([
    ['newPerDay', '35', '35', 35],
    ['newPerDay', '0', '0', 0],
    ['reviewsPerDay', ' 99999 ', '99999', 99999],
    ['retention', '0.85', '0.85', 0.85],
    ['retention', '.7', '0.7', 0.7],
    ['dayStartsAt', '0', '0', 0],
    ['learningSteps', '60s, 1.5h 1d', '1m 90m 1d', ['1m', '90m', '1d']],
    ['learningSteps', '', '', []],
    ['relearningSteps', '15m', '15m', ['15m']],
    ['maximumInterval', '365', '365', 365],
    ['editor', 'code --wait', 'code --wait', 'code --wait'],
  ])('%s = %j is saved as %j', async (key, raw, shown, value) => {
    const dir = join(testdir(), 'data');
    expect(await setSetting(dir, key, raw)).toBe(shown);
    expect(getSetting(dir, key)).toBe(shown);
    expect(loadSettings(dir)).toEqual({ ...defaultSettings(), [key]: value });
  });

  it('keeps the other settings when one is set, in the data directory, readable as JSON', async () => {
    const dir = testdir();
    await setSetting(dir, 'newPerDay', '5');
    await setSetting(dir, 'retention', '0.95');
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({ newPerDay: 5, retention: 0.95 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('resolves content folders against the working directory and checks that they exist', async () => {
    const root = testdir({ 'notes/a.md': '# A', 'more/': '' });
    const dir = join(root, 'data');
    const shown = await setSetting(dir, 'contentDirs', `notes${delimiter}${join(root, 'more')}${delimiter}`, root);
    expect(shown).toBe([join(root, 'notes'), join(root, 'more')].join(delimiter));
    expect(loadSettings(dir).contentDirs).toEqual([join(root, 'notes'), join(root, 'more')]);
    expect(await setSetting(dir, 'contentDirs', JSON.stringify(['notes']), root)).toBe(join(root, 'notes'));
    expect(await setSetting(dir, 'contentDirs', '', root)).toBe('');
    expect(loadSettings(dir).contentDirs).toEqual([]);
  });

  const refused: [string, string, RegExp][] = [
    ['newPerDay', '-1', /newPerDay must be a whole number from 0 to 9999 \(got "-1"\)/],
    ['newPerDay', '2.5', /a whole number from 0 to 9999/],
    ['newPerDay', '10000', /a whole number from 0 to 9999/],
    ['newPerDay', 'lots', /a whole number from 0 to 9999 \(got "lots"\)/],
    ['newPerDay', '', /a whole number from 0 to 9999/],
    ['newPerDay', '0x10', /a whole number from 0 to 9999/],
    ['reviewsPerDay', '100000', /reviewsPerDay must be a whole number from 0 to 99999/],
    ['retention', '0.5', /retention must be a number from 0.70 to 0.99/],
    ['retention', '1', /a number from 0.70 to 0.99/],
    ['retention', 'NaN', /a number from 0.70 to 0.99/],
    ['dayStartsAt', '24', /dayStartsAt must be a whole hour from 0 to 23/],
    ['dayStartsAt', '3.5', /a whole hour from 0 to 23/],
    ['learningSteps', '10x', /learningSteps: "10x" is not a step.*allowed: steps such as "1m 10m"/],
    ['relearningSteps', '20s', /relearningSteps: step 20s is not a whole number of minutes/],
    ['maximumInterval', '0', /maximumInterval must be a whole number of days from 1 to 36500/],
    ['maximumInterval', '36501', /from 1 to 36500/],
    ['contentDirs', 'no-such-folder', /contentDirs: there is no folder at .*no-such-folder; allowed: folders separated by/],
    ['contentDirs', '["a", 1]', /contentDirs must be folders separated by/],
  ];
  it.each(refused)('refuses %s = %j, saying what is allowed, and changes nothing', async (key, raw, message) => {
    const dir = testdir();
    await setSetting(dir, 'newPerDay', '7');
    const before = readFileSync(settingsPath(dir));
    const error: unknown = await setSetting(dir, key, raw, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrepError);
    expect((error as PrepError).message).toMatch(message);
    expect((error as PrepError).exitCode).toBe(1);
    expect(readFileSync(settingsPath(dir))).toEqual(before);
  });

  it('refuses an unknown key, listing the valid ones', async () => {
    const dir = testdir();
    const valid = settingKeys.join(', ');
    await expect(setSetting(dir, 'newperday', '5')).rejects.toThrow(`unknown setting "newperday"; the settings are: ${valid}`);
    expect(() => getSetting(dir, '__proto__')).toThrow(PrepError);
    expect(existsSync(settingsPath(dir))).toBe(false);
  });

  it('is a PrepError naming the path when the data directory is unusable', async () => {
    const root = testdir({ file: 'x' });
    const dir = join(root, 'file', 'data');
    await expect(setSetting(dir, 'newPerDay', '5')).rejects.toThrow(`cannot read the settings file ${settingsPath(dir)}: a part of the path is not a folder (ENOTDIR)`);
    expect(() => loadSettings(dir)).toThrow(PrepError);
    expect(readFileSync(join(root, 'file'), 'utf8')).toBe('x');
  });

});

describe('a damaged settings file', () => {
  it.each([
    ['not JSON', '{"newPerDay": 35,\n'],
    ['not an object', '[35]'],
    ['empty', ''],
  ])('(%s) is moved aside byte for byte with a warning, and the defaults are used', (_what, content) => {
    const dir = testdir({ 'settings.json': content });
    const { warn, warnings } = collector();
    expect(loadSettings(dir, warn)).toEqual(defaultSettings());
    const backups = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    const backup = join(dir, backups[0] ?? '');
    expect(readFileSync(backup, 'utf8')).toBe(content);
    expect(warnings).toEqual([`${settingsPath(dir)} was not a JSON object; moved it to ${backup} and using the default settings`]);
    expect(loadSettings(dir, warn)).toEqual(defaultSettings());
    expect(warnings).toHaveLength(1);
  });

  it('is backed up before a set writes a fresh file', async () => {
    const dir = testdir({ 'settings.json': '{oops' });
    const { warn, warnings } = collector();
    await setSetting(dir, 'newPerDay', '3', dir, warn);
    expect(warnings).toHaveLength(1);
    expect(loadSettings(dir)).toEqual({ ...defaultSettings(), newPerDay: 3 });
    const backups = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(backups.map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(['{oops']);
  });

  it('with a bad or unknown value warns and uses the default for it, leaving the file alone', () => {
    const content = JSON.stringify({ newPerDay: -3, retention: 0.8, learningSteps: ['1m', '5m'], colour: 'blue' });
    const dir = testdir({ 'settings.json': content });
    const { warn, warnings } = collector();
    expect(loadSettings(dir, warn)).toEqual({ ...defaultSettings(), retention: 0.8, learningSteps: ['1m', '5m'] });
    expect(warnings).toEqual([
      `${settingsPath(dir)}: newPerDay must be a whole number from 0 to 9999 (got -3); using the default 20`,
      `${settingsPath(dir)}: ignored unknown setting "colour"`,
    ]);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(content);
  });
});
