import { hash } from 'node:crypto';
import { foldText } from '../text/fold.js';
import type { Card, Diagnostic } from './card.js';
import type { CardDraft } from './parse.js';

const ID_LENGTH = 10;

/**
 * The question as identity sees it: width, case, white space and inline emphasis folded.
 * Width is folded before emphasis marks are dropped, so `＊` and `｀` count as `*` and `` ` ``.
 */
export function identityText(question: string): string {
  return foldText(question.normalize('NFKC').replace(/[*`]/gu, ''));
}

/**
 * Gives every draft a stable id, derived from its deck and normalised question so that answer
 * edits and file moves keep it. Where questions repeat, the section path and then the position
 * among the repeats tell them apart. An id written in the note wins.
 */
export function assignIds(drafts: CardDraft[]): { cards: Card[]; diagnostics: Diagnostic[] } {
  const keys = uniqueKeys(drafts);
  const taken = new Set(drafts.flatMap((draft) => (draft.explicitId ? [draft.explicitId] : [])));
  const diagnostics: Diagnostic[] = [];
  const explicitSeen = new Set<string>();
  const cards = drafts.map((draft, index): Card => {
    const { explicitId, ...card } = draft;
    if (explicitId && !explicitSeen.has(explicitId)) {
      explicitSeen.add(explicitId);
      return { id: explicitId, ...card };
    }
    if (explicitId) {
      diagnostics.push({ ...draft.source, message: `id "${explicitId}" is used by an earlier card too; this one gets its own` });
    }
    let id = hashId(keys[index] ?? '');
    while (taken.has(id)) id = hashId(`${id}\u0000`);
    taken.add(id);
    return { id, ...card };
  });
  return { cards, diagnostics };
}

/** Identity keys, unique: a repeated question is told apart by its path, then by its occurrence; the first keeps the plain key. */
function uniqueKeys(drafts: CardDraft[]): string[] {
  const used = new Set<string>();
  return drafts.map((draft) => {
    const base = `${foldText(draft.deck)}\u0000${identityText(draft.question)}`;
    const withPath = `${base}\u0000${draft.path.map(foldText).join('\u0001')}`;
    let key = used.has(base) ? withPath : base;
    for (let occurrence = 2; used.has(key); occurrence++) key = `${withPath}\u0000#${occurrence}`;
    used.add(key);
    return key;
  });
}

function hashId(key: string): string {
  return hash('sha256', key, 'hex').slice(0, ID_LENGTH);
}
