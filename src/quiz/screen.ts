// Heavy: renders Markdown with marked-terminal. The quiz command loads it with `await import()`.
import type { Card } from '../notes/card.js';
import { renderQuestion } from '../render/card.js';
import { renderMarkdown } from '../render/markdown.js';
import { palette, type RenderOptions } from '../render/style.js';
import { formatInterval } from '../schedule/interval.js';
import type { PreviewItem } from '../schedule/scheduler.js';
import { ratings, type Rating } from '../schedule/state.js';
import type { Today } from './today.js';

/** The texts of a quiz session's screens. */
export interface QuizScreens {
  /** Today's counts and this session's answers. */
  counts(today: Today, answered: number): string;
  /** Practice mode's counts. */
  cramCounts(left: number, answered: number): string;
  /** The breadcrumb and the question side of a card. */
  card(card: Card): string;
  /** The answer side of a card. */
  answer(card: Card): string;
  questionHint(): string;
  /** The grades, each with the interval it would give, and the other keys. */
  gradeHint(preview: Record<Rating, PreviewItem>): string;
  /** The grades in practice mode, which change no schedule. */
  practiceHint(): string;
  /** Only learning cards remain and the next is due at `until`. */
  waiting(until: Date, now: Date): string;
  waitHint(): string;
  nothingToUndo(): string;
  /** A problem to show under the card, e.g. an editor that would not start. */
  warning(message: string): string;
}

const GRADE_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** The screens of `prep quiz`, rendered for a terminal of the given width and colour. */
export function quizScreens(options: RenderOptions): QuizScreens {
  const style = palette(options.color);
  const keys = style.dim('s skip · e edit · u undo · q quit');
  return {
    counts: (today, answered) => {
      const { learning, review } = today.queue;
      const counts = [
        style.red(`learning ${learning.length}`),
        style.green(`review ${review.length}`),
        style.blue(`new ${today.queue.new.length}`),
      ].join(style.dim(' · '));
      return `${counts}   ${style.dim(`done ${answered}`)}`;
    },
    cramCounts: (left, answered) => `${style.magenta('practice')} ${style.dim(`· ${left} left · done ${answered} · schedules unchanged`)}`,
    card: (card) => renderQuestion(card, options),
    answer: (card) => renderMarkdown(card.answer, options),
    questionHint: () => `${style.bold('Space')} show answer   ${keys}`,
    gradeHint: (preview) => {
      const grades = ratings.map((rating) => `${style.bold(String(rating))} ${GRADE_NAMES[rating]} ${style.dim(preview[rating].interval)}`);
      return `${grades.join('  ')}   ${keys}`;
    },
    practiceHint: () => `${ratings.map((rating) => `${style.bold(String(rating))} ${GRADE_NAMES[rating]}`).join('  ')}   ${keys}`,
    waiting: (until, now) =>
      `Only cards in learning are left today. The next one is due in ${formatInterval(until.getTime() - now.getTime())} (${clockTime(until)}).`,
    waitHint: () => `${style.dim('waiting…')} ${style.bold('Enter')} show it now · ${style.bold('u')} undo · ${style.bold('q')} stop`,
    nothingToUndo: () => style.yellow('Nothing to undo in this session.'),
    warning: (message) => style.yellow(message),
  };
}

function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
