/**
 * Customer-report clustering: replays the labelled set (test/fixtures/reports) in arrival
 * order as the product runs it and prints B-cubed precision and recall (all problems, the
 * problems tuned on, the held-out ones), then times matchReportToIncident against 100 open
 * incidents, each read afresh as from the database (new strings every call).
 *   npx tsx bench/report-clustering.ts [--rounds 5]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { bcubed, type BCubedScores } from '../src/core/reports/bcubed.js';
import { matchReportToIncident, type IncidentForMatching } from '../src/core/reports/index.js';
import {
  heldOutLabels,
  loadLabelledReports,
  replayReports,
  type LabelledReport,
} from '../test/support/reports/replay-reports.js';
import { machine, writeResult } from './bench-results.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const ROUNDS = Number(args.rounds);
const OPEN_INCIDENTS = 100;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function scoresOf(reports: readonly LabelledReport[], placed: ReadonlyMap<number, string>): BCubedScores {
  return bcubed(
    new Map(reports.map((r) => [r.id, r.label])),
    new Map(reports.map((r) => [r.id, placed.get(r.id) ?? `alone-${r.id}`])),
  );
}

/** 100 open incidents made of the set's problems: each a title and ten linked reports. */
function syntheticIncidents(reports: readonly LabelledReport[]): IncidentForMatching[] {
  const problems = [...new Set(reports.map((r) => r.label))].filter(
    (label) => reports.filter((r) => r.label === label).length > 1,
  );
  return Array.from({ length: OPEN_INCIDENTS }, (_, i) => {
    const label = problems[i % problems.length] ?? '';
    const texts = reports.filter((r) => r.label === label).map((r) => r.text);
    const start = Math.floor(i / problems.length) % texts.length;
    const linked = [...texts.slice(start), ...texts.slice(0, start)].slice(0, 10);
    return {
      id: i + 1,
      text: `${linked[0] ?? label} (incident ${i + 1})`,
      componentIds: [1 + (i % 11)],
      openedAt: Date.parse('2026-03-02T08:00:00Z') + i * 60_000,
      reportTexts: linked,
    };
  });
}

interface Timings {
  wall: number[];
  cpu: number[];
}

/** Wall time and this process's CPU time per call: on a loaded machine the wall clock also counts waiting for a core. */
function timeMatches(reports: readonly LabelledReport[], serialised: string, into: Timings): void {
  for (const report of reports) {
    const incidents = JSON.parse(serialised) as IncidentForMatching[];
    const input = {
      id: report.id,
      text: report.text,
      componentId: null,
      receivedAt: Date.parse('2026-03-02T08:00:00Z') + report.minute * 60_000,
    };
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    matchReportToIncident(input, incidents);
    into.wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    into.cpu.push((cpu.user + cpu.system) / 1000);
  }
}

function main(): void {
  const reports = loadLabelledReports();
  const held = heldOutLabels(reports);
  const replayStart = process.hrtime.bigint();
  const { placed } = replayReports(reports);
  const replayMs = Number(process.hrtime.bigint() - replayStart) / 1e6;
  const quality = {
    all: scoresOf(reports, placed),
    tuned: scoresOf(
      reports.filter((r) => !held.has(r.label)),
      placed,
    ),
    heldOut: scoresOf(
      reports.filter((r) => held.has(r.label)),
      placed,
    ),
  };
  const serialised = JSON.stringify(syntheticIncidents(reports));
  const loadBefore = os.loadavg()[0];
  const cold: Timings = { wall: [], cpu: [] };
  timeMatches(reports, serialised, cold);
  const warm: Timings = { wall: [], cpu: [] };
  for (let round = 0; round < ROUNDS; round++) timeMatches(reports, serialised, warm);
  const latency = ({ wall, cpu }: Timings) => {
    const [w, c] = [[...wall].sort((a, b) => a - b), [...cpu].sort((a, b) => a - b)];
    const ms = (x: number) => Number(x.toFixed(3));
    return {
      calls: w.length,
      wallMedianMs: ms(percentile(w, 50)),
      wallP99Ms: ms(percentile(w, 99)),
      cpuMedianMs: ms(percentile(c, 50)),
      cpuP99Ms: ms(percentile(c, 99)),
    };
  };
  const result = {
    machine: machine(),
    reports: reports.length,
    problems: new Set(reports.map((r) => r.label)).size,
    heldOutProblems: [...held],
    replayMs: Math.round(replayMs),
    quality,
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    matchLatency: { openIncidents: OPEN_INCIDENTS, firstPass: latency(cold), steady: latency(warm) },
  };
  const f = (x: number) => x.toFixed(3);
  console.log(`${reports.length} reports, ${result.problems} true groups; held out: ${[...held].join(', ')}`);
  for (const [name, s] of Object.entries(quality)) {
    console.log(
      `  ${name.padEnd(8)} B-cubed precision ${f(s.precision)}  recall ${f(s.recall)}  F1 ${f(s.f1)}`,
    );
  }
  console.log(`  replay of the whole set: ${result.replayMs} ms`);
  console.log(
    `match against ${OPEN_INCIDENTS} open incidents (${os.availableParallelism()} CPUs, load ${loadBefore?.toFixed(1)}):`,
  );
  for (const [name, t] of Object.entries(result.matchLatency)) {
    if (typeof t === 'number') continue;
    console.log(
      `  ${name.padEnd(9)} wall median ${t.wallMedianMs} ms, p99 ${t.wallP99Ms} ms; CPU median ${t.cpuMedianMs} ms, p99 ${t.cpuP99Ms} ms (${t.calls} calls)`,
    );
  }
  console.log(`raw result: ${writeResult('report-clustering', result)}`);
}

main();
