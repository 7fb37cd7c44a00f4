import { expect } from 'vitest';

/** prep's own colour codes (Select Graphic Rendition): the only escape sequences it may print. */
const SGR = /\u001b\[[0-9;]*m/gu;
/** Every control character but newline and tab: C0, DEL and C1. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/**
 * A colour sequence that prep never prints itself (blink, 256-colour pink): planted in notes, so that
 * a note's own colour code passing through as if it were prep's is caught too.
 */
export const PLANTED_SGR = '\u001b[5;38;5;199m';

/**
 * Asserts that text holds no control character but `\n` and `\t`; with `colour`, prep's own colour
 * codes (`ESC [ … m`) are allowed, except the one planted in the notes. `where` names the output in
 * the failure message.
 */
export function assertNoControl(text: string, { colour, where = 'output' }: { colour: boolean; where?: string }): void {
  expect(text.includes(PLANTED_SGR), `${where} passes a note's own colour code through`).toBe(false);
  const rest = colour ? text.replace(SGR, '') : text;
  const found = CONTROL.exec(rest);
  if (found) {
    const at = found.index;
    const context = JSON.stringify(rest.slice(Math.max(0, at - 40), at + 20));
    expect.fail(`${where} holds control character U+${found[0].codePointAt(0)?.toString(16).padStart(4, '0')} near ${context}`);
  }
}

/** Whether text holds any control character but `\n` and `\t` (colour codes count too). */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}
