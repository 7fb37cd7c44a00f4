/**
 * The kinds of prompt a note can hold its questions in, as front matter `cards:` names them:
 * `headings` (a heading asks, the text under it answers), `list-headings` (headings inside list
 * items), `bold` (a bold line asks), `qa` (`Q:`/`A:` pairs), `details` (`<details>` blocks, the
 * summary asks) and `file` (the whole file is one question). A module of its own, so that the
 * parser can import it without anything else.
 */
export const PROMPT_KINDS = ['headings', 'list-headings', 'bold', 'qa', 'details', 'file'] as const;

/** One of {@link PROMPT_KINDS}. */
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** True when `value` names a prompt kind. */
export function isPromptKind(value: unknown): value is PromptKind {
  return typeof value === 'string' && (PROMPT_KINDS as readonly string[]).includes(value);
}
