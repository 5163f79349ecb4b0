// Summarises the runs of bench/compare/run.sh: median wall time and peak RSS of each side
// (from `/usr/bin/time -v`), the ratio, and whether the lifecycle state counts agree with the
// reference computed by ltvcrm-gen-check. Exit status 1 if any side's counts disagree.
//
//   node report.mjs RUN_DIR RUNS [--duckdb-only]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, runsText, flag] = process.argv.slice(2);
const runs = Number(runsText);
const duckdbOnly = flag === '--duckdb-only';
const STATES = ['new', 'repeat', 'fan', 'dormant'];

// "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.50" and "Maximum resident set size (kbytes): 215048"
function readTime(path) {
  const text = readFileSync(path, 'utf8');
  const wall = text.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/);
  const rss = text.match(/Maximum resident set size \(kbytes\): (\d+)/);
  if (!wall || !rss) throw new Error(`${path}: not the output of /usr/bin/time -v`);
  const seconds = wall[1].split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  return { seconds, rssKiB: Number(rss[1]) };
}

// The state counts in a side's output: for each state the first number that follows its
// name, as in JSON ("new": 12), text (new 12, new: 12) or CSV (new,12).
function readStates(text) {
  const counts = {};
  for (const state of STATES) {
    const m = text.match(new RegExp(`["']?\\b${state}\\b["']?\\s*[:=,\\t ]\\s*(\\d+)`, 'i'));
    if (!m) return null;
    counts[state] = Number(m[1]);
  }
  return counts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const reference = readStates(readFileSync(join(dir, 'check.txt'), 'utf8').match(/lifecycle.*$/m)?.[0] ?? '');
const sides = duckdbOnly ? ['duckdb'] : ['ltvcrm', 'duckdb'];
const summary = {};
let agree = true;
for (const side of sides) {
  const times = [];
  let states = null;
  for (let i = 1; i <= runs; i++) {
    times.push(readTime(join(dir, `${side}.${i}.time`)));
    const out = join(dir, `${side}.${i}.out`);
    const found = existsSync(out) ? readStates(readFileSync(out, 'utf8')) : null;
    if (!found) {
      console.error(`report: no state counts (new, repeat, fan, dormant) in ${out}`);
      agree = false;
    } else if (states && STATES.some((s) => states[s] !== found[s])) {
      console.error(`report: ${side} run ${i} gave other state counts than run 1`);
      agree = false;
    } else states = states ?? found;
  }
  summary[side] = {
    seconds: median(times.map((t) => t.seconds)),
    rssMiB: median(times.map((t) => t.rssKiB)) / 1024,
    all: times.map((t) => t.seconds),
    states,
  };
}

const fmt = (x, digits = 2) => x.toFixed(digits);
console.log(`runs: ${runs} of each side, alternating; whole process, wall clock`);
for (const side of sides) {
  const s = summary[side];
  console.log(`${side.padEnd(7)} median ${fmt(s.seconds)} s (runs: ${s.all.map((x) => fmt(x)).join(' ')}), ` +
              `median peak RSS ${fmt(s.rssMiB, 0)} MiB`);
}
if (!duckdbOnly) {
  const ratio = summary.duckdb.seconds / summary.ltvcrm.seconds;
  console.log(`ratio duckdb / ltvcrm: ${fmt(ratio)} (libltvcrm ${ratio >= 1 ? `${fmt(ratio)}x faster` : `${fmt(1 / ratio)}x slower`})`);
}
console.log(`reference states (ltvcrm-gen-check): ${JSON.stringify(reference)}`);
for (const side of sides) {
  const s = summary[side].states;
  const same = s && reference && STATES.every((k) => s[k] === reference[k]);
  console.log(`${side.padEnd(7)} states ${JSON.stringify(s)}: ${same ? 'agree' : 'DISAGREE'}`);
  if (!same) agree = false;
}
process.exit(agree ? 0 : 1);
