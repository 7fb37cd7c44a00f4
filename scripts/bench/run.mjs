// `npm run bench`: the benchmark of issue 5 ("Fast at any size"). A measurement, not a test: it
// prints a table of medians, ratios to `node -e 0` measured in the same run, peak memory and the
// targets, and exits 0 whether or not the targets are met.
//
// It generates its data in a fresh temp folder (removed at the end; BENCH_KEEP=1 keeps it):
//   S: the bundled notes (content/);
//   L: 10,000 cards in 200 Markdown files (~4 MB, Chinese and English, code, tables, tab lists);
//   a review log of 200,000 events over 20,000 card ids spread over the two years before PREP_NOW.
// Each child is `node bin/prep.js …`, stdout piped, timed with hrtime around spawnSync; every
// run of a measure is preceded by a run of `node -e 0`, so machine noise affects both alike.
// Peak memory (max RSS) comes from GNU time (`/usr/bin/time -f %M`), else from polling VmHWM in
// /proc/<pid>/status, else n/a; it is taken on the warm-up run, which is not timed.
//
// Environment: BENCH_RUNS=n (at least n timed runs of each measure; default: 5 to 15, fewer for
// slow measures), BENCH_KEEP=1 (keep the temp folder and print where it is), BENCH_MEMORY=gnu-time|
// proc|none (how to measure peak memory; default: the first that works).

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateNotes, SEARCH_WORD } from './notes.mjs';
import { generateLog, MATCHED, EVENTS, CARDS } from './log.mjs';
import { makeRandom } from './random.mjs';

/** The checkout; the benchmark runs a private copy of its build (see snapshotBuild). */
const checkout = fileURLToPath(new URL('../../', import.meta.url));
let repo = checkout;
let bin = join(repo, 'bin', 'prep.js');
const NOW = '2026-05-04T09:00:00.000Z';
const MIN_RUNS = Math.max(5, Number.parseInt(process.env.BENCH_RUNS ?? '', 10) || 5);
const MAX_RUNS = Math.max(MIN_RUNS, 15);
/** Wall time aimed at for one measure's timed runs; slow measures get MIN_RUNS. */
const BUDGET_MS = 6_000;
const APPENDS = 250;
const PEAK_TARGET_MB = 200;
const APPEND_TARGET_MS = 2;
/** What the benchmark needs from the build. */
const DIST_FILES = ['bin/prep.js', 'dist/main.cjs', 'dist/store/log.cjs', 'dist/store/events.cjs', 'dist/notes/load.cjs'];
/** Failed timed runs of one measure (not counted, run again) before it is given up. */
const MAX_FAILURES = 3;

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const mb = (bytes) => bytes / 1024 / 1024;

// ---------------------------------------------------------------------------------------------
// Peak memory

/** How peak memory is measured here: 'gnu-time', 'proc' or 'none'. */
function memoryMethod(scratch) {
  const forced = process.env.BENCH_MEMORY;
  if (forced === 'gnu-time' || forced === 'proc' || forced === 'none') return forced;
  if (existsSync('/usr/bin/time')) {
    const out = join(scratch, 'time-probe');
    const probe = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
    if (probe.status === 0 && existsSync(out) && /^\d+\s*$/mu.test(readFileSync(out, 'utf8').trim().split('\n').pop())) return 'gnu-time';
  }
  if (existsSync('/proc/self/status')) return 'proc';
  return 'none';
}

/** Runs the child once for its peak RSS in MB (undefined when it cannot be measured). */
async function peakMemory(method, scratch, args, env) {
  if (method === 'gnu-time') {
    const out = join(scratch, 'time-out');
    rmSync(out, { force: true });
    const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...args], { cwd: repo, env, stdio: ['ignore', 'ignore', 'ignore'] });
    const last = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').pop() : '';
    return { status: run.status, peak: /^\d+$/u.test(last) ? Number(last) / 1024 : undefined };
  }
  if (method === 'proc') {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'ignore'] });
      let peakKb = 0;
      const poll = () => {
        try {
          const match = /VmHWM:\s+(\d+)\s+kB/u.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (match) peakKb = Math.max(peakKb, Number(match[1]));
        } catch {
          // The child has just exited.
        }
      };
      const timer = setInterval(poll, 2);
      child.on('exit', (status) => {
        clearInterval(timer);
        resolve({ status, peak: peakKb > 0 ? peakKb / 1024 : undefined });
      });
    });
  }
  spawnSync(process.execPath, args, { cwd: repo, env, stdio: 'ignore' });
  return { status: 0, peak: undefined };
}

// ---------------------------------------------------------------------------------------------
// Timing

/** One timed run of `node <args>`: wall ms, exit status, stdout and stderr. */
function timedRun(args, env) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: run.status, signal: run.signal, stdout: run.stdout?.toString('utf8') ?? '', stderr: run.stderr?.toString('utf8') ?? '', error: run.error };
}

/** Removes everything in a data directory but the review log and the settings: the caches. */
function clearCache(home) {
  if (!existsSync(home)) return;
  for (const name of readdirSync(home)) {
    if (name !== 'reviews.jsonl' && name !== 'settings.json') rmSync(join(home, name), { recursive: true, force: true });
  }
}

/**
 * Copies the build (bin, dist, content, package.json; node_modules linked) into `dir`, so that a
 * rebuild of the checkout while the benchmark runs (`npm test` rebuilds dist/) neither breaks runs
 * nor mixes two builds in one table. Retries while dist/ is being rewritten.
 */
async function snapshotBuild(dir) {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const name of ['bin', 'dist', 'content']) cpSync(join(checkout, name), join(dir, name), { recursive: true });
      copyFileSync(join(checkout, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(checkout, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const missing = DIST_FILES.filter((file) => !existsSync(join(dir, file)));
      if (missing.length === 0) return;
      if (attempt >= 5) throw new Error(`${missing.join(', ')} missing; run \`npm run build\` first (npm run bench does)`);
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    await delay(2_000);
  }
}

// ---------------------------------------------------------------------------------------------
// Report helpers

function machine() {
  const cpu = cpus();
  const git = (args) => {
    const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    return run.status === 0 ? run.stdout.trim() : undefined;
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  return [
    `machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${process.platform} ${release()}`,
    `node ${process.version}; prep ${commit ?? '(no git)'}${dirty ? ' + local changes' : ''}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ];
}

function table(rows, head) {
  const widths = head.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column]))));
  const line = (cells) => `| ${cells.map((cell, column) => (column === 0 ? cell + pad(cell, widths[column]) : pad(cell, widths[column]) + cell)).join(' | ')} |`;
  return [line(head), `|${widths.map((w, column) => (column === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`, ...rows.map(line)].join('\n');
}
/** Display width: CJK and the check marks count as they render in most terminals (1 column for ✓✗×). */
const width = (text) => [...text].reduce((sum, char) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1), 0);
const pad = (text, w) => ' '.repeat(Math.max(0, w - width(text)));
const fmtMs = (ms) => (ms === undefined ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtMb = (value) => (value === undefined ? 'n/a' : value.toFixed(0));

// ---------------------------------------------------------------------------------------------

async function main() {
  const header = machine();
  for (const line of header) log(line);
  const tmp = mkdtempSync(join(tmpdir(), 'prep-bench-'));
  const cleanup = () => {
    if (process.env.BENCH_KEEP === '1') log(`kept the data in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    repo = join(tmp, 'prep');
    bin = join(repo, 'bin', 'prep.js');
    await snapshotBuild(repo);
    const importDist = (file) => import(pathToFileURL(join(repo, 'dist', file)).href);
    const [{ loadDeckset }, { serializeEvent }, { appendEvent }] = await Promise.all([importDist('notes/load.cjs'), importDist('store/events.cjs'), importDist('store/log.cjs')]);
    await bench(tmp, header, { loadDeckset, serializeEvent, appendEvent });
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    cleanup();
  }
}

async function bench(tmp, header, { loadDeckset, serializeEvent, appendEvent }) {
  const started = Date.now();
  const notesL = join(tmp, 'notes-L');
  const homes = Object.fromEntries(['S', 'Lwarm', 'Lcold', 'due', 'stats', 'append', 'log'].map((name) => [name, join(tmp, `home-${name}`)]));
  for (const home of Object.values(homes)) mkdirSync(home, { recursive: true, mode: 0o700 });

  // ---- data
  log('generating L notes…');
  const generated = generateNotes(notesL);
  const deckset = loadDeckset([notesL]);
  const ids = deckset.cards.map((card) => card.id);
  const matched = makeRandom(99).shuffle(ids).slice(0, MATCHED);
  log(`generating a review log of ${EVENTS} events over ${CARDS} cards…`);
  const logFile = join(homes.log, 'reviews.jsonl');
  const logInfo = await generateLog(logFile, matched, { now: Date.parse(NOW), serializeEvent });
  copyFileSync(logFile, join(homes.due, 'reviews.jsonl'));
  copyFileSync(logFile, join(homes.stats, 'reviews.jsonl'));
  const logBytes = statSync(logFile).size;
  log(`data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // ---- environments
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PREP_') && key !== 'FORCE_COLOR' && key !== 'NO_COLOR'));
  const env = (home, content) => ({ ...base, COLUMNS: '80', PREP_HOME: home, PREP_NOW: NOW, ...(content ? { PREP_CONTENT: content } : {}) });
  const prep = (...args) => [bin, ...args];
  const nonEmpty = (run) => (run.stdout.trim() === '' ? 'printed nothing' : undefined);
  const json = (run) => {
    try {
      JSON.parse(run.stdout);
      return undefined;
    } catch (error) {
      return `stdout is not JSON (${error.message})`;
    }
  };

  const measures = [
    { label: 'node -e 0 (baseline)', args: ['-e', '0'], env: env(homes.S), baseline: true },
    { label: 'prep --version', args: prep('--version'), env: env(homes.S), ratio: 1.3, check: nonEmpty },
    { label: 'prep show redis, S, piped', args: prep('show', 'redis'), env: env(homes.S), ratio: 2.0, check: nonEmpty },
    { label: `prep show ${SEARCH_WORD}, L, piped, second run`, args: prep('show', SEARCH_WORD), env: env(homes.Lwarm, notesL), ratio: 2.5, check: nonEmpty },
    { label: `prep show ${SEARCH_WORD}, L, first run (no cache)`, args: prep('show', SEARCH_WORD), env: env(homes.Lcold, notesL), ratio: 6, check: nonEmpty, prepare: () => clearCache(homes.Lcold) },
    { label: 'prep due --json, L + 200k log', args: prep('due', '--json'), env: env(homes.due, notesL), ratio: 3, check: json },
    { label: 'prep stats --json, L + 200k log', args: prep('stats', '--json'), env: env(homes.stats, notesL), ratio: 4, check: json, optional: true },
  ];
  const odd = [];

  // ---- check each command works on the data (this first run also fills the caches)
  for (const measure of measures) {
    if (measure.baseline) continue;
    log(`checking ${measure.label}…`);
    measure.prepare?.();
    const run = timedRun(measure.args, measure.env);
    measure.firstRun = run;
    const problem = run.error ? String(run.error) : run.status !== 0 ? `exit ${run.status ?? run.signal}` : measure.check(run);
    if (problem) {
      const detail = run.stderr.trim().split('\n').slice(0, 3).join(' / ');
      if (measure.optional && /unknown command/u.test(run.stderr)) {
        measure.na = 'not in this build (unknown command)';
      } else {
        measure.na = `failed: ${problem}${detail ? `: ${detail}` : ''}`;
        odd.push(`${measure.label}: ${measure.na}`);
      }
    } else if (run.stderr.trim() !== '') {
      const lines = run.stderr.trim().split('\n');
      odd.push(`${measure.label}: stderr has ${lines.length} line(s), e.g. ${lines[0].slice(0, 160)}`);
    }
  }
  const byLabel = (prefix) => measures.find((measure) => measure.label.startsWith(prefix));
  const dueRun = byLabel('prep due')?.firstRun;
  const dueSummary = dueRun && dueRun.status === 0 ? (() => {
    try {
      const parsed = JSON.parse(dueRun.stdout);
      return `due --json: ${JSON.stringify(parsed.counts)}, held back ${JSON.stringify(parsed.heldBack)}`;
    } catch {
      return undefined;
    }
  })() : undefined;
  const listed = timedRun(prep('show', '--list', SEARCH_WORD), env(homes.Lwarm, notesL));
  const found = listed.status === 0 ? listed.stdout.trim().split('\n').filter((line) => line.trim() !== '').length : 0;

  // ---- warm-up, with peak memory
  const method = memoryMethod(tmp);
  log(`warm-up runs (peak memory by ${method})…`);
  const active = measures.filter((measure) => !measure.na);
  for (const measure of active) {
    measure.prepare?.();
    const start = process.hrtime.bigint();
    const { status, peak } = await peakMemory(method, tmp, measure.args, measure.env);
    measure.warmMs = Number(process.hrtime.bigint() - start) / 1e6;
    measure.peak = peak;
    if (status !== 0) odd.push(`${measure.label}: warm-up run exited ${status}`);
    measure.runs = Math.min(MAX_RUNS, Math.max(MIN_RUNS, Math.round(BUDGET_MS / Math.max(1, measure.warmMs))));
    measure.samples = [];
  }

  // ---- timed runs, interleaved: every run of a measure follows a run of the baseline
  const baseline = measures[0];
  const timed = active.filter((measure) => !measure.baseline);
  const total = timed.reduce((sum, measure) => sum + measure.runs, 0);
  log(`timing ${total} runs, each after a baseline run: ${timed.map((measure) => `${measure.label.replace(/^prep /u, '')} ×${measure.runs}`).join('; ')}…`);
  for (let round = 0; timed.some((measure) => measure.samples.length < measure.runs); round++) {
    for (const measure of timed) {
      if (measure.samples.length >= measure.runs) continue;
      baseline.samples.push(timedRun(baseline.args, baseline.env).ms);
      measure.prepare?.();
      const run = timedRun(measure.args, measure.env);
      if (run.status === 0) {
        measure.samples.push(run.ms);
        continue;
      }
      // A failed run is not a sample: it is noted and run again, up to MAX_FAILURES times.
      measure.failures = (measure.failures ?? 0) + 1;
      odd.push(`${measure.label}: a timed run exited ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(0, 2).join(' / ').slice(0, 200)}`);
      if (measure.failures >= MAX_FAILURES) {
        measure.na = `failed ${measure.failures} timed runs`;
        measure.runs = measure.samples.length;
      }
    }
  }

  // ---- one answer made durable, in-process
  log(`${APPENDS} appends to the review log…`);
  const appendTimes = [];
  const at0 = Date.parse(NOW);
  const makeEvent = (index) => {
    const at = new Date(at0 + index * 7_000);
    return {
      type: 'review',
      id: `${at.getTime().toString(36)}-${index.toString(16).padStart(16, '0')}`,
      card: ids[index % ids.length],
      at,
      rating: 3,
      ms: 4_000 + index,
      phaseBefore: 'review',
      state: { phase: 'review', due: new Date(at.getTime() + 9 * 86_400_000), stability: 9.1234, difficulty: 4.5678, elapsedDays: 3, scheduledDays: 9, learningSteps: 0, reps: 5, lapses: 1, lastReview: at },
    };
  };
  for (let index = 0; index < 5; index++) appendEvent(homes.append, makeEvent(index));
  for (let index = 5; index < 5 + APPENDS; index++) {
    const event = makeEvent(index);
    const start = process.hrtime.bigint();
    appendEvent(homes.append, event);
    appendTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const appendLines = readFileSync(join(homes.append, 'reviews.jsonl'), 'utf8').trim().split('\n').length;
  if (appendLines !== APPENDS + 5) odd.push(`append: the log has ${appendLines} lines after ${APPENDS + 5} appends`);

  // ---- report
  const node = median(baseline.samples);
  const rows = [];
  let met = 0;
  let targets = 0;
  const missed = [];
  const mark = (ok) => (ok ? '✓' : '✗');
  for (const measure of measures) {
    if (measure.baseline) {
      rows.push([measure.label, String(measure.samples.length), fmtMs(node), '1.00×', '', fmtMb(measure.peak), '']);
      continue;
    }
    targets++;
    const target = `≤ ${measure.ratio.toFixed(1)}×`;
    if (measure.na) {
      rows.push([measure.label, '0', 'n/a', 'n/a', target, 'n/a', '✗ n/a']);
      missed.push(`${measure.label} (${measure.na})`);
      continue;
    }
    const value = median(measure.samples);
    const ratio = value / node;
    const ok = ratio <= measure.ratio;
    if (ok) met++;
    else missed.push(`${measure.label}: ${ratio.toFixed(2)}× > ${measure.ratio}×`);
    const peak = measure.peak === undefined ? 'n/a' : `${fmtMb(measure.peak)}${measure.peak > PEAK_TARGET_MB ? ' ✗' : ''}`;
    rows.push([measure.label, String(measure.samples.length), fmtMs(value), `${ratio.toFixed(2)}×`, target, peak, mark(ok)]);
  }
  const appendMedian = median(appendTimes);
  targets++;
  if (appendMedian <= APPEND_TARGET_MS) met++;
  else missed.push(`one answer made durable: ${fmtMs(appendMedian)} ms > ${APPEND_TARGET_MS} ms`);
  rows.push([`one answer made durable (in-process; p90 ${fmtMs(quantile(appendTimes, 0.9))} ms)`, String(appendTimes.length), fmtMs(appendMedian), '', `≤ ${APPEND_TARGET_MS} ms`, '', mark(appendMedian <= APPEND_TARGET_MS)]);
  const peaks = measures.filter((measure) => !measure.baseline && measure.peak !== undefined);
  targets++;
  if (peaks.length === 0) {
    rows.push(['peak memory, any command above', '', '', '', `≤ ${PEAK_TARGET_MB} MB`, 'n/a', '✗ n/a']);
    missed.push('peak memory (not measurable here)');
  } else {
    const worst = peaks.reduce((a, b) => (b.peak > a.peak ? b : a));
    const ok = worst.peak <= PEAK_TARGET_MB;
    if (ok) met++;
    else missed.push(`peak memory: ${fmtMb(worst.peak)} MB (${worst.label}) > ${PEAK_TARGET_MB} MB`);
    rows.push([`peak memory, any command above (max: ${worst.label.replace(/,.*$/u, '').replace(/^prep /u, '')})`, '', '', '', `≤ ${PEAK_TARGET_MB} MB`, fmtMb(worst.peak), mark(ok)]);
  }

  const out = [];
  out.push('', '# prep benchmark (issue 5)', '');
  out.push(...header);
  out.push(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; peak memory by ${method === 'gnu-time' ? '/usr/bin/time -f %M' : method === 'proc' ? 'polling VmHWM in /proc' : 'nothing (n/a)'}`);
  out.push(`S: the bundled notes (content/), ${loadDeckset([join(repo, 'content')]).cards.length} cards`);
  out.push(`L: ${generated.files} files, ${mb(generated.bytes).toFixed(2)} MB, ${deckset.cards.length} cards loaded (${deckset.diagnostics.length} diagnostics); \`prep show ${SEARCH_WORD}\` matches ${found} cards`);
  out.push(`log: ${logInfo.lines} lines, ${mb(logBytes).toFixed(1)} MB (${logInfo.review} reviews, ${logInfo.undo} undos, ${logInfo.skip} skips, ${logInfo.practice} cram answers) over ${logInfo.cards} card ids (${logInfo.matched} in L, ${logInfo.orphans} orphans), ${logInfo.first.toISOString().slice(0, 10)} to ${logInfo.last.toISOString().slice(0, 10)}; PREP_NOW=${NOW}`);
  if (dueSummary) out.push(dueSummary);
  out.push('caches: "second run", due and stats run with whatever prep cached in PREP_HOME on earlier runs; "first run" empties PREP_HOME of all but reviews.jsonl and settings.json before each run');
  out.push('');
  out.push(table(rows, ['measure', 'runs', 'median ms', '× node', 'target', 'peak MB', 'ok']));
  out.push('');
  if (odd.length > 0) {
    out.push('notes:');
    for (const line of [...new Set(odd)]) out.push(`- ${line}`);
    out.push('');
  }
  out.push(`targets met: ${met}/${targets}`);
  for (const line of missed) out.push(`  missed: ${line}`);
  out.push(`(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(out.join('\n'));
}

await main();
