import type { ChalkInstance } from 'chalk';
import { monthOf } from './days.js';
import type { CalendarDay, ForecastDay } from './types.js';

/*
 * Charts as lines of text, at most 66 columns wide so that they fit an 80-column terminal with
 * an indent. They stay legible without colour: bars are block characters, and the heatmap's
 * shades are characters too (colour only adds green to them).
 */

const BARS = ' ▁▂▃▄▅▆▇█';
const chartHeight = 6;

/** A bar chart of cards due per day, one column a day, with the busiest day's count on the axis. */
export function forecastChart(days: readonly ForecastDay[], style: ChalkInstance): string[] {
  const max = Math.max(0, ...days.map((day) => day.due));
  if (max === 0) return [`Nothing due in the next ${days.length} days.`];
  const eighths = days.map((day) => (day.due === 0 ? 0 : Math.max(1, Math.round((day.due / max) * chartHeight * 8))));
  const axisWidth = String(max).length;
  const rows = Array.from({ length: chartHeight }, (_, row) => {
    const floor = (chartHeight - 1 - row) * 8;
    const bars = eighths.map((height, index) => {
      const bar = BARS[Math.min(8, Math.max(0, height - floor))] ?? ' ';
      if (bar === ' ') return bar;
      return index === 0 ? style.yellow(bar) : style.cyan(bar);
    });
    const axis = row === 0 ? `${String(max).padStart(axisWidth)} ┤` : `${' '.repeat(axisWidth)} │`;
    return `${style.dim(axis)}${bars.join(' ')}`.trimEnd();
  });
  const base = style.dim(`${'0'.padStart(axisWidth)} └${'─'.repeat(days.length * 2 - 1)}`);
  return [...rows, base, `${' '.repeat(axisWidth + 2)}${dayLabels(days.length)}`];
}

/** Labels under the forecast's columns: `today`, then every seventh day. */
function dayLabels(count: number): string {
  let line = 'today';
  for (let day = 7; day < count; day += 7) line = `${line.padEnd(day * 2)}+${day}d`;
  return line;
}

const SHADES = ['·', '░', '▒', '▓', '█'] as const;
/** Greens from dark to bright for levels 1–4 (the shade character carries the level too, on any background). */
const GREENS = ['#0e4429', '#006d32', '#26a641', '#39d353'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Shade level 0–4 of a day's count, in quarters of the busiest day. */
const levelOf = (count: number, max: number): number => (count === 0 ? 0 : Math.ceil((count * 4) / max));

/** A level's character, in its green: true-colour greens where the terminal has them, else green and bright green. */
function shaded(level: number, style: ChalkInstance): string {
  const text = SHADES[level] ?? SHADES[0];
  if (level === 0) return style.dim(text);
  if (style.level < 2) return level <= 2 ? style.green(text) : style.greenBright(text);
  return style.hex(GREENS[level - 1] ?? GREENS[3])(text);
}

/**
 * A heatmap of reviews per day: weekday rows (Monday first), one column a week, month names on
 * top, shaded in quarters of the busiest day, today in brackets. `days` starts on a Monday and
 * ends today (see calendarOf).
 */
export function calendarHeatmap(days: readonly CalendarDay[], style: ChalkInstance): string[] {
  const max = Math.max(0, ...days.map((day) => day.reviews));
  const weeks = Math.ceil(days.length / 7);
  const shade = (count: number): string => shaded(levelOf(count, max), style);
  const rows = WEEKDAYS.map((name, weekday) => {
    let line = name;
    for (let week = 0; week < weeks; week += 1) {
      const index = week * 7 + weekday;
      const day = days[index];
      if (day === undefined) break;
      const today = index === days.length - 1;
      line += `${today ? style.bold.yellow('[') : ' '}${shade(day.reviews)}${today ? style.bold.yellow(']') : ''}`;
    }
    return line;
  });
  return [monthLabels(days, weeks), ...rows, legend(max, style)];
}

/** Month names above the first week column starting in each month; a name that would run into the next is left out. */
function monthLabels(days: readonly CalendarDay[], weeks: number): string {
  const labels: { at: number; text: string }[] = [];
  for (let week = 0; week < weeks; week += 1) {
    const month = monthOf(days[week * 7]?.date ?? '');
    const previous = week === 0 ? undefined : monthOf(days[(week - 1) * 7]?.date ?? '');
    if (month !== previous) labels.push({ at: 4 + week * 2, text: MONTHS[month] ?? '' });
  }
  let line = '';
  labels.forEach((label, index) => {
    const next = labels[index + 1];
    if (next && label.at + label.text.length >= next.at) return;
    line = line.padEnd(label.at) + label.text;
  });
  return line;
}

/** What each shade means, in counts (levels no count can reach are left out), and the today mark. */
function legend(max: number, style: ChalkInstance): string {
  const parts = [`${shaded(0, style)} none`];
  for (let level = 1; level <= 4; level += 1) {
    const from = Math.floor(((level - 1) * max) / 4) + 1;
    const to = Math.floor((level * max) / 4);
    if (from > to) continue;
    parts.push(`${shaded(level, style)} ${from === to ? from : `${from}–${to}`}`);
  }
  return `    ${parts.join('  ')}   ${style.bold.yellow('[ ]')} today`;
}
