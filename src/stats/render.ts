import type { ChalkInstance } from 'chalk';
import { counted, duration } from '../render/words.js';
import { sanitizeInline } from '../render/sanitize.js';
import { palette, type RenderOptions } from '../render/style.js';
import { truncateDisplay } from '../render/width.js';
import { calendarHeatmap, forecastChart } from './charts.js';
import { percent } from './format.js';
import { leechLapses } from './leeches.js';
import { matureDays } from './retention.js';
import { topicsTable } from './topics-table.js';
import type { RetentionTally, Stats } from './types.js';

/** How to render the statistics; `scope` names what a query or deck narrowed them to. */
export interface StatsRenderOptions extends RenderOptions {
  scope?: string;
}

const INDENT = '  ';

/**
 * `prep stats` as text: today, streak, collection, memory, topics, forecast, calendar and leeches,
 * each under a heading. Every line fits `width` columns: tables take the width given, the charts
 * fit 80 columns, and narrower terminals cut lines with `…`. Text from the notes is sanitised.
 */
export function renderStats(stats: Stats, options: StatsRenderOptions): string {
  const style = palette(options.color);
  const inner = options.width - INDENT.length;
  const sections: [string, string[]][] = [
    ['Today', todayLines(stats)],
    ['Streak', streakLines(stats)],
    ['Collection', collectionLines(stats)],
    ['Memory', memoryLines(stats)],
    ['Topics, weakest first', topicsTable(stats.topics, stats.memory.desiredRetention, inner, style)],
    ['Forecast, next 30 days', [...forecastChart(stats.forecast, style), forecastSummary(stats)]],
    ['Calendar, last 26 weeks', [...calendarHeatmap(stats.calendar, style), calendarSummary(stats)]],
    [`Leeches, ${leechLapses}+ lapses`, leechLines(stats, style)],
  ];
  const title = options.scope === undefined ? `Stats for ${stats.day}` : `Stats for ${stats.day}: ${sanitizeInline(options.scope)}`;
  const blocks = sections.map(([heading, lines]) => [style.bold(heading), ...lines.map((line) => (line === '' ? line : INDENT + line))].join('\n'));
  const text = [style.bold(title), ...blocks].join('\n\n');
  return `${text
    .split('\n')
    .map((line) => truncateDisplay(line, options.width))
    .join('\n')}\n`;
}

function todayLines({ today }: Stats): string[] {
  const done =
    today.reviewed === 0
      ? 'Reviewed   nothing yet'
      : `Reviewed   ${counted(today.reviewed, 'card')} in ${duration(today.timeMs)} · Again ${today.again} (${percent(today.againRate)})`;
  return [done, `Left       ${today.dueNow} due now · ${today.dueLaterToday} later today · ${counted(today.newLeft, 'new card')}`];
}

function streakLines({ streak }: Stats): string[] {
  const current = `${counted(streak.current, 'day')} in a row · longest ${counted(streak.longest, 'day')}`;
  if (streak.reviewedToday || streak.current === 0) return [current];
  return [`${current} · review today to keep it going`];
}

function collectionLines({ collection: c }: Stats): string[] {
  const lines = [
    `Cards      ${c.total}: ${c.new} new · ${c.learning} learning · ${c.review} review · ${c.relearning} relearning`,
    `Review     ${c.young} young · ${c.mature} mature (interval of ${matureDays} days or more)`,
  ];
  if (c.orphans > 0) {
    lines.push(`Orphans    ${counted(c.orphans, 'card')} gone from the notes; history kept for:`, `           ${c.orphanIds.map(sanitizeInline).join(', ')}`);
  }
  return lines;
}

function memoryLines({ memory }: Stats): string[] {
  const recall =
    memory.averageRecall === null
      ? 'Predicted recall now   — (no card answered yet)'
      : `Predicted recall now   ${percent(memory.averageRecall)} over ${counted(memory.recallCards, 'card')} (aiming for ${percent(memory.desiredRetention)})`;
  const cellWidth = 14;
  const header = `${'True retention'.padEnd(16)}${['Young', 'Mature', 'Total'].map((title) => title.padEnd(cellWidth)).join('')}`;
  const rows = memory.trueRetention.map((period) => {
    const cells = [period.young, period.mature, period.total].map((tally) => retentionCell(tally).padEnd(cellWidth));
    return `${`last ${period.days} days`.padEnd(16)}${cells.join('')}`.trimEnd();
  });
  return [recall, '', header.trimEnd(), ...rows];
}

/** `88% 22/25`: the share passed and the counts behind it. */
function retentionCell(tally: RetentionTally): string {
  const reviews = tally.passed + tally.failed;
  return reviews === 0 ? '—' : `${percent(tally.rate)} ${tally.passed}/${reviews}`;
}

function forecastSummary({ forecast }: Stats): string {
  const within = (days: number): number => forecast.slice(0, days).reduce((sum, day) => sum + day.due, 0);
  const tomorrow = forecast[1]?.due ?? 0;
  return `Tomorrow ${tomorrow} · next 7 days ${within(7)} · next 30 days ${within(30)}`;
}

function calendarSummary({ calendar }: Stats): string {
  const studied = calendar.filter((day) => day.reviews > 0).length;
  const reviews = calendar.reduce((sum, day) => sum + day.reviews, 0);
  return `${counted(reviews, 'review')} on ${studied} of ${counted(calendar.length, 'day')}`;
}

function leechLines({ leeches }: Stats, style: ChalkInstance): string[] {
  if (leeches.length === 0) return ['None. A card forgotten 8 times would show here: rewrite or split it.'];
  const width = Math.max(...leeches.map((leech) => String(leech.lapses).length));
  return leeches.map(
    (leech) => `${style.red(`${String(leech.lapses).padStart(width)} lapses`)}  ${style.dim(sanitizeInline(leech.id))}  ${sanitizeInline(leech.question).trim()}`,
  );
}
