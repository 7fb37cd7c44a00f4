/**
 * The user's day: it starts at a local hour (`dayStartsAt`, e.g. 4) in the process time zone,
 * so a review at 02:00 belongs to the day before. Every function takes the instant as an
 * argument; local time comes from the `TZ` the process runs in.
 */

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/**
 * Moves an instant onto the "user-day clock": a Date whose UTC date and time of day read as
 * the local wall time minus `dayStartsAt` hours. Its UTC calendar date is the user-day of
 * the instant, which is what ts-fsrs counts days in.
 */
export function toUserDayClock(instant: Date, dayStartsAt: number): Date {
  const offsetMs = -instant.getTimezoneOffset() * 60_000;
  return new Date(instant.getTime() + offsetMs - dayStartsAt * hourMs);
}

/**
 * The real instant whose user-day clock reads `shifted`: the inverse of
 * {@link toUserDayClock}. A wall time skipped by a DST change resolves to an instant on the
 * same user-day.
 */
export function fromUserDayClock(shifted: Date, dayStartsAt: number): Date {
  const wall = new Date(shifted.getTime() + dayStartsAt * hourMs);
  const forward = new Date(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  const landed = toUserDayClock(forward, dayStartsAt);
  if (utcDayNumber(landed) === utcDayNumber(shifted)) return forward;
  // The wall time fell in a DST gap and Date moved it past the day start: step back instead.
  return new Date(forward.getTime() - (landed.getTime() - shifted.getTime()));
}

/** The start of the user-day containing `instant`. */
export function dayStartOf(instant: Date, dayStartsAt: number): Date {
  return startOfUserDay(utcDayNumber(toUserDayClock(instant, dayStartsAt)), dayStartsAt);
}

/** The start of the user-day after the one containing `instant`: "today" ends here. */
export function nextDayStart(instant: Date, dayStartsAt: number): Date {
  return startOfUserDay(utcDayNumber(toUserDayClock(instant, dayStartsAt)) + 1, dayStartsAt);
}

/** The user-day containing `instant`, as `YYYY-MM-DD`. */
export function dayKey(instant: Date, dayStartsAt: number): string {
  return toUserDayClock(instant, dayStartsAt).toISOString().slice(0, 10);
}

/** Whole user-days from the day of `a` to the day of `b` (negative when `b` is earlier). */
export function daysBetween(a: Date, b: Date, dayStartsAt: number): number {
  return utcDayNumber(toUserDayClock(b, dayStartsAt)) - utcDayNumber(toUserDayClock(a, dayStartsAt));
}

/**
 * User-days before the day of `now`, for many instants: what `daysBetween(instant, now)` gives
 * (negative for a later day), without local-time arithmetic for each (statistics place ~200,000
 * reviews and ~10,000 due dates). The starts of the days from the earliest instant asked about
 * to the latest (up to {@link MAX_DAYS_AHEAD} ahead) are worked out once, as one day's start is,
 * so time zones and DST changes count the same; an instant's day is then found among them from
 * a guess at 24 hours a day, a step or two off at most.
 */
export function userDaysBefore(now: Date, dayStartsAt: number): (instant: number) => number {
  const today = utcDayNumber(toUserDayClock(now, dayStartsAt));
  const end = startOfUserDay(today + 1, dayStartsAt).getTime();
  // starts[i]: the start of the day `starts.length - 1 - i` days before today.
  let starts: Float64Array = new Float64Array(0);
  // ahead[i]: the start of the day `i + 1` days after today.
  let ahead: Float64Array = new Float64Array(0);
  const daysUpToToday = (days: number): Float64Array => dayStartsFrom(today - days + 1, days, dayStartsAt, { starts, first: today - starts.length + 1 });
  const daysAhead = (instant: number): number => {
    while (instant >= (ahead[ahead.length - 1] ?? end) && ahead.length < MAX_DAYS_AHEAD) {
      const days = Math.min(MAX_DAYS_AHEAD, Math.max(2 * ahead.length, Math.ceil((instant - end) / dayMs) + 2));
      ahead = dayStartsFrom(today + 1, days, dayStartsAt, { starts: ahead, first: today + 1 });
    }
    if (instant >= (ahead[ahead.length - 1] ?? end)) return daysBetween(now, new Date(instant), dayStartsAt);
    let day = Math.min(ahead.length - 1, Math.floor((instant - end) / dayMs));
    while (day > 0 && (ahead[day] ?? 0) > instant) day -= 1;
    while ((ahead[day + 1] ?? Infinity) <= instant) day += 1;
    return day + 1;
  };
  return (instant) => {
    if (instant >= end) return -daysAhead(instant);
    while (instant < (starts[0] ?? end)) starts = daysUpToToday(Math.max(2 * starts.length, Math.ceil((end - instant) / dayMs) + 1));
    const last = starts.length - 1;
    // The guess counts 24-hour days back from today's start; days of 23 or 25 hours move it a step.
    let day = Math.min(last, Math.max(0, last - Math.ceil(((starts[last] ?? 0) - instant) / dayMs)));
    while (day > 0 && (starts[day] ?? 0) > instant) day -= 1;
    while (day < last && (starts[day + 1] ?? 0) <= instant) day += 1;
    return last - day;
  };
}

/** How far ahead {@link userDaysBefore} keeps day starts (ten years); later instants are worked out one by one. */
const MAX_DAYS_AHEAD = 3660;

/**
 * The starts of `days` user-days from `first` (a day number) on, in order. The starts `known`
 * already, of the days from `known.first` on (within the range), are copied, not worked out again:
 * a table that grows costs only its new days.
 */
function dayStartsFrom(first: number, days: number, dayStartsAt: number, known: { starts: Float64Array; first: number }): Float64Array {
  const starts = new Float64Array(days);
  const from = known.first - first;
  starts.set(known.starts, from);
  for (let i = 0; i < days; i++) {
    if (i < from || i >= from + known.starts.length) starts[i] = startOfUserDay(first + i, dayStartsAt).getTime();
  }
  return starts;
}

function utcDayNumber(date: Date): number {
  return Math.floor(date.getTime() / dayMs);
}

/**
 * The first instant of a user-day given as days since 1970-01-01. When DST skips the hour
 * the day starts at, Date moves it forward to the first wall time that exists, which is
 * where the day starts.
 */
function startOfUserDay(day: number, dayStartsAt: number): Date {
  const date = new Date(day * dayMs);
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), dayStartsAt);
}
