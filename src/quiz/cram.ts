import { PrepError } from '../errors.js';
import type { Card } from '../notes/card.js';
import { newEventId } from '../store/events.js';
import type { SessionDeps, SessionResult } from './session.js';

/**
 * Practice without scheduling (`prep quiz --cram`): every chosen card once, in notes order,
 * each answered "again" coming back at the end. Answers are logged as practice and change no
 * card's schedule; `s` moves on, `e` edits and shows the card again (as it was loaded), `u`
 * shows it again (practice answers are not undone).
 */
export async function runCram(cards: Card[], deps: Omit<SessionDeps, 'reload'>): Promise<SessionResult> {
  const pending = [...cards];
  const done: string[] = [];
  let answered = 0;
  let again = 0;
  let ms = 0;
  let notice = '';
  const edit = async (card: Card): Promise<void> => {
    try {
      await deps.edit(card);
    } catch (error) {
      if (!(error instanceof PrepError)) throw error;
      notice = `\n\n${deps.screens.warning(error.message)}`;
    }
  };
  for (let card = pending.shift(); card !== undefined; card = pending.shift()) {
    const shownAt = deps.clock();
    const header = `${deps.screens.cramCounts(pending.length + 1, answered)}\n\n${deps.screens.card(card)}`;
    deps.display(`${header}${notice}`);
    notice = '';
    const onQuestion = await deps.prompts.question(deps.screens.questionHint());
    if (onQuestion === 'quit') return { answered, cards: new Set(done).size, again, ms, quit: true };
    if (onQuestion === 'edit') await edit(card);
    if (onQuestion === 'edit' || onQuestion === 'undo') pending.unshift(card);
    if (onQuestion !== 'reveal') continue;
    deps.display(`${header}\n\n${deps.screens.answer(card)}`);
    const onAnswer = await deps.prompts.answer(deps.screens.practiceHint());
    if (onAnswer === 'quit') return { answered, cards: new Set(done).size, again, ms, quit: true };
    if (onAnswer === 'edit') await edit(card);
    if (onAnswer === 'edit' || onAnswer === 'undo') pending.unshift(card);
    if (typeof onAnswer !== 'number') continue;
    const at = deps.clock();
    const taken = Math.max(0, at.getTime() - shownAt.getTime());
    deps.append({ type: 'practice', id: newEventId(at), card: card.id, at, rating: onAnswer, ms: taken });
    answered++;
    done.push(card.id);
    ms += taken;
    if (onAnswer === 1) {
      again++;
      pending.push(card);
    }
  }
  return { answered, cards: new Set(done).size, again, ms, quit: false };
}
