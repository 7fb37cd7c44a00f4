import { counted, whenDue } from '../render/words.js';
import { palette, type RenderOptions } from '../render/style.js';
import { truncateDisplay } from '../render/width.js';
import type { Stats } from './types.js';

/**
 * The short dashboard of `prep` with no command: due now, new left today, streak, next due, and
 * the one command to run next.
 */
export function renderDashboard(stats: Stats, options: RenderOptions): string {
  const style = palette(options.color);
  const { today, streak } = stats;
  const later = today.dueLaterToday > 0 ? ` (${today.dueLaterToday} more later today)` : '';
  const lines = [
    style.bold(`prep · ${stats.day}`),
    `  Due now     ${counted(today.dueNow, 'card')}${later}`,
    `  New today   ${today.newLeft} left`,
    `  Streak      ${streakText(streak)}`,
    `  Next due    ${nextDue(stats)}`,
    '',
    nextStep(stats, style.bold.cyan),
  ];
  return `${lines.map((line) => truncateDisplay(line, options.width)).join('\n')}\n`;
}

/** `4 days (longest 9)`, with a nudge while today has no review yet. */
function streakText(streak: Stats['streak']): string {
  const longest = streak.longest > streak.current ? ` (longest ${streak.longest})` : '';
  const nudge = streak.current > 0 && !streak.reviewedToday ? '; review today to keep it going' : '';
  return `${counted(streak.current, 'day')}${longest}${nudge}`;
}

/** When the next card falls due, worded as `prep quiz` words it: `now`, `in 9m (09:41)`, `in 2d (Thu 26 Nov 09:12)`. */
function nextDue({ today, generatedAt, dayStartsAt }: Stats): string {
  if (today.dueNow > 0) return 'now';
  if (today.nextDue === null) return today.newLeft > 0 ? 'nothing scheduled; new cards are waiting' : 'nothing scheduled';
  return whenDue(new Date(today.nextDue), new Date(generatedAt), dayStartsAt);
}

/** The one thing to do next, with its command highlighted. */
function nextStep({ today, collection }: Stats, command: (text: string) => string): string {
  if (collection.total === 0) return `No cards in the notes; find out why with: ${command('prep check')}`;
  const waiting = today.dueNow + today.newLeft;
  if (waiting > 0) return `Next: ${command('prep quiz')} (${counted(waiting, 'card')} waiting)`;
  return `All done for now; see your progress with: ${command('prep stats')}`;
}
