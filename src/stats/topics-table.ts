import type { ChalkInstance } from 'chalk';
import { breadcrumb } from '../render/breadcrumb.js';
import { displayWidth, padEndDisplay, truncateDisplay } from '../render/width.js';
import { percent } from './format.js';
import type { TopicStats } from './types.js';

const COLUMNS = [
  { title: 'Cards', width: 5 },
  { title: 'Learned', width: 7 },
  { title: 'Recall', width: 6 },
  { title: 'Lapses', width: 6 },
  { title: 'Due', width: 4 },
] as const;
const GAP = '  ';
const numbersWidth = COLUMNS.reduce((sum, column) => sum + GAP.length + column.width, 0);
const minimumNameWidth = 12;

/**
 * The topics as a table that fits `width` columns (less `indent`): the name column takes what the
 * numbers leave, names cut with `…`, and every cell padded by display width so CJK names line up.
 * With a single deck the deck name is left out of the topic names.
 */
export function topicsTable(topics: readonly TopicStats[], desiredRetention: number, width: number, style: ChalkInstance): string[] {
  const oneDeck = new Set(topics.map((topic) => topic.deck)).size === 1;
  const names = topics.map((topic) => topicName(topic, oneDeck));
  const widest = Math.max(displayWidth('Topic'), ...names.map(displayWidth));
  const nameWidth = Math.max(minimumNameWidth, Math.min(widest, width - numbersWidth));
  const header = padEndDisplay('Topic', nameWidth) + COLUMNS.map((column) => GAP + column.title.padStart(column.width)).join('');
  const rows = topics.map((topic, index) => {
    const cells = [String(topic.cards), percent(topic.learnedShare), percent(topic.averageRecall), String(topic.lapses), String(topic.due)];
    const padded = cells.map((cell, column) => GAP + cell.padStart(COLUMNS[column]?.width ?? 0));
    padded[2] = recallColour(topic.averageRecall, desiredRetention, style)(padded[2] ?? '');
    return padEndDisplay(truncateDisplay(names[index] ?? '', nameWidth), nameWidth) + padded.join('');
  });
  return [style.dim(header), ...rows];
}

/** A topic as the user knows it: `deck › section › …`, or without the deck when there is only one. */
function topicName(topic: TopicStats, oneDeck: boolean): string {
  const [section, ...rest] = topic.path;
  return oneDeck && section !== undefined ? breadcrumb({ deck: section, path: rest }) : breadcrumb(topic);
}

/** Red 10 points or more below the desired retention, yellow below it, green at or above it, in the whole percents shown. */
function recallColour(recall: number | null, desired: number, style: ChalkInstance): (text: string) => string {
  if (recall === null) return style.dim;
  const shown = Math.round(recall * 100);
  const aim = Math.round(desired * 100);
  if (shown <= aim - 10) return style.red;
  return shown < aim ? style.yellow : style.green;
}
