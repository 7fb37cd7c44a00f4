const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
const monthMs = 30 * dayMs;
const yearMs = 365 * dayMs;

/**
 * A short label for an interval in milliseconds, as Anki shows under its answer buttons.
 * Rule: under a minute `<1m`; then whole minutes up to `59m`; hours with one decimal
 * (`1h`, `1.5h`); whole days up to `29d`; months of 30 days with one decimal (`2.5mo`);
 * years of 365 days with one decimal (`1.2y`). A value is rounded first and moves to the
 * next unit when the rounded value reaches it (59.6 minutes is `1h`). A negative interval
 * reads `<1m`.
 */
export function formatInterval(intervalMs: number): string {
  const ms = Math.max(0, intervalMs);
  if (ms < minuteMs) return '<1m';
  const minutes = Math.round(ms / minuteMs);
  if (minutes < 60) return `${minutes}m`;
  const hours = roundTenth(ms / hourMs);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / dayMs);
  if (days < 30) return `${days}d`;
  const months = roundTenth(ms / monthMs);
  if (months < 12) return `${months}mo`;
  return `${roundTenth(ms / yearMs)}y`;
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
