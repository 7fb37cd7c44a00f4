import { createRequire } from 'node:module';
import { foldNormalised, foldText, nfkc } from '../text/fold.js';
import type { Diagnostic } from './card.js';
import type { CardDraft } from './parse.js';

const ID_LENGTH = 10;

/**
 * node:crypto's `hash`, loaded on the first id made: commands whose ids come from the parse
 * cache never make one, and loading the module costs them several milliseconds.
 */
let sha256: typeof import('node:crypto').hash | undefined;
function sha256Hex(text: string): string {
  sha256 ??= (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).hash;
  return sha256('sha256', text, 'hex');
}

/**
 * The question as identity sees it: width, case, white space and inline emphasis folded.
 * Width is folded before emphasis marks are dropped, so `＊` and `｀` count as `*` and `` ` ``.
 */
export function identityText(question: string): string {
  const wide = nfkc(question);
  // Dropping marks may bring together characters NFKC composes; with none to drop, the text is NFKC already.
  return foldNormalised(EMPHASIS.test(wide) ? nfkc(wide.replace(EMPHASIS_ALL, '')) : wide);
}

const EMPHASIS = /[*`]/u;
const EMPHASIS_ALL = /[*`]/gu;

/**
 * Gives every draft a stable id, derived from its deck and normalised question so that answer
 * edits and file moves keep it. Where questions repeat, the section path and then the position
 * among the repeats tell them apart. An id written in the note wins. The ids are in the drafts'
 * order, with what was reported.
 */
export function cardIds(drafts: CardDraft[]): { ids: string[]; diagnostics: Diagnostic[] } {
  const keys = uniqueKeys(drafts);
  const taken = new Set<string>();
  for (const { explicitId } of drafts) if (explicitId) taken.add(explicitId);
  const diagnostics: Diagnostic[] = [];
  const explicitSeen = new Set<string>();
  const ids = drafts.map((draft, index) => {
    const { explicitId } = draft;
    if (explicitId && !explicitSeen.has(explicitId)) {
      explicitSeen.add(explicitId);
      return explicitId;
    }
    if (explicitId) {
      diagnostics.push({ ...draft.source, message: `id "${explicitId}" is used by an earlier card too; this one gets its own` });
    }
    let id = hashId(keys[index] ?? '');
    while (taken.has(id)) id = hashId(`${id}\u0000`);
    taken.add(id);
    return id;
  });
  return { ids, diagnostics };
}

/** Identity keys, unique: a repeated question is told apart by its path, then by its occurrence; the first keeps the plain key. */
function uniqueKeys(drafts: CardDraft[]): string[] {
  const used = new Set<string>();
  // A deck is shared by many drafts (a file's, mostly): each is folded once.
  const foldedDecks = new Map<string, string>();
  return drafts.map((draft) => {
    let deck = foldedDecks.get(draft.deck);
    if (deck === undefined) {
      deck = foldText(draft.deck);
      foldedDecks.set(draft.deck, deck);
    }
    const base = `${deck}\u0000${identityText(draft.question)}`;
    if (!used.has(base)) {
      used.add(base);
      return base;
    }
    const withPath = `${base}\u0000${draft.path.map(foldText).join('\u0001')}`;
    let key = withPath;
    for (let occurrence = 2; used.has(key); occurrence++) key = `${withPath}\u0000#${occurrence}`;
    used.add(key);
    return key;
  });
}

function hashId(key: string): string {
  return sha256Hex(key).slice(0, ID_LENGTH);
}
