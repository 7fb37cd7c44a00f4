// Light on purpose: every command imports this on start-up, so no marked, no chalk.

/** What a terminal would act on, longest forms first, as one pattern. */
const CONTROL = new RegExp(
  [
    // String sequences (OSC such as OSC 52 clipboard writes, DCS, SOS, PM, APC) to their end.
    String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)`,
    // CSI sequences, 7-bit (ESC [) and 8-bit (U+009B): colours, cursor moves, ESC[2J.
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]`,
    // Other ESC sequences (ESC c, ESC ( B, …).
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]`,
    // Any control character left: C0 but tab and newline, DEL, C1.
    String.raw`[\x00-\x08\x0b-\x1f\x7f-\x9f]`,
  ].join('|'),
  'g',
);

/** A Select Graphic Rendition sequence: the only escape prep itself prints (colours, bold). */
const SGR = /^\x1b\[[0-9;]*m$/;

/** Removes every control character and whole escape sequence, keeping newlines and tabs. */
export function sanitize(text: string): string {
  return text.replace(CONTROL, '');
}

/** Like `sanitize`, for one-line contexts: newlines and tabs also become spaces. */
export function sanitizeInline(text: string): string {
  return sanitize(text).replace(/[\n\t]/g, ' ');
}

/**
 * Like `sanitize` but keeps well-formed colour sequences: a last pass over output that prep
 * coloured itself, after every piece of note text in it was sanitised.
 */
export function sanitizeKeepingColour(text: string): string {
  return text.replace(CONTROL, (match) => (SGR.test(match) ? match : ''));
}

/** DEL and the C1 controls, which `JSON.stringify` leaves raw (it escapes only U+0000–U+001F). */
const RAW_IN_JSON = /[\x7f-\x9f]/g;

/**
 * JSON for the terminal: `JSON.stringify` (indented by two) with DEL and the C1 controls written
 * as `\u` escapes too, so that the output is plain text that parses back to the same value.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
