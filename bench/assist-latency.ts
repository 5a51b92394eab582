/**
 * Answer API latency: `POST /api/v1/assist` against a Beacon (SQLite, as `beacon serve` runs it)
 * holding 100 open incidents, each published on the status page with two public updates. `wrk`
 * posts customers' messages round-robin: half name a problem one of the incidents is about,
 * half match nothing. Reports requests/s and the latency percentiles of each round.
 *   npx tsx bench/assist-latency.ts [--rounds 3] [--seconds 10] [--threads 1] [--connections 1]
 * See BENCHMARKS.md ("Answer API").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DeclareIncidentBody } from '../src/core/schemas/incident.js';
import { PublishUpdateBody } from '../src/core/schemas/status-page.js';
import { declareIncident } from '../src/server/commands/declare-incident.js';
import { publishPublicUpdate } from '../src/server/commands/status/public-updates.js';
import { startServerProcess } from '../test/support/server-process.js';
import { machine, writeResult } from './bench-results.js';
import { sqliteTarget } from './bench-target.js';
import { cpuSeconds } from './process-stats.js';
import { showSpread, spread } from './wrk/rounds.js';
import { type WrkResult, runWrk } from './wrk/run-wrk.js';
import { benchAdminWithToken } from './bench-admin.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    threads: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1' },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const THREADS = Number(args.threads);
const CONNECTIONS = Number(args.connections);
const OPEN_INCIDENTS = 100;
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

const SERVICES = [
  'checkout',
  'payments',
  'login',
  'search',
  'mobile app',
  'email delivery',
  'invoices',
  'file uploads',
  'webhooks',
  'video calls',
];
const SYMPTOMS = [
  ['fails with error 502', 'Some requests fail with error 502. We are investigating.'],
  ['is very slow', 'Pages take over ten seconds to load. We are looking into it.'],
  ['times out', 'Requests time out for some customers. We have found the cause.'],
  ['is down in Europe', 'Customers in Europe cannot reach it. A fix is being rolled out.'],
  ['shows stale data', 'Recent changes take up to an hour to appear. We are working on it.'],
  ['rejects valid cards', 'Some valid cards are declined. We are in touch with the provider.'],
  ['sends duplicate emails', 'Some customers receive the same message twice.'],
  ['loses uploaded files', 'Some uploads do not finish. Please retry later.'],
  ['logs users out', 'Some customers are signed out every few minutes.'],
  ['returns empty results', 'Some searches return nothing. We are rebuilding the index.'],
] as const;

const MATCHING = [
  'checkout keeps failing with a 502 error when I pay',
  'the login page logs me out every few minutes',
  'search returns no results for anything I type',
  'my card was rejected at checkout but it is valid',
  'I got the same email twice from you today',
  'file uploads never finish, the file is lost',
  'the mobile app is super slow today',
  'video calls time out after a minute',
  'invoices page shows old data from yesterday',
  'webhooks are not arriving, they time out',
];
const NOT_MATCHING = [
  'how do I change the billing address on my account?',
  'can you add dark mode to the dashboard please',
  'I would like to cancel my subscription next month',
  "where can I download last year's receipts",
  'is there an API to export my contacts?',
  'please update the company name on our plan',
  'do you offer a discount for non-profits?',
  'what are your support hours on weekends',
  'I forgot which email I signed up with',
  'can I invite a colleague to my workspace',
];

async function seed(target: ReturnType<typeof sqliteTarget>): Promise<string> {
  const store = target.open();
  try {
    const { ctx, user, token } = await benchAdminWithToken(store);
    const caller = { userId: user.id, name: user.name, email: user.email, role: user.role };
    for (let i = 0; i < OPEN_INCIDENTS; i++) {
      const service = SERVICES[i % SERVICES.length] ?? '';
      const [symptom, message] = SYMPTOMS[Math.floor(i / SERVICES.length) % SYMPTOMS.length] ?? ['', ''];
      const incident = await declareIncident(
        ctx,
        caller,
        DeclareIncidentBody.parse({ title: `${service} ${symptom}`, severity: 'SEV2' }),
      );
      await publishPublicUpdate(
        ctx,
        caller,
        incident.ref,
        PublishUpdateBody.parse({
          status: 'investigating',
          message: `${service}: ${message}`,
          publicTitle: `${service} ${symptom}`,
        }),
      );
      await publishPublicUpdate(
        ctx,
        caller,
        incident.ref,
        PublishUpdateBody.parse({
          status: 'identified',
          message: `We found why ${service} ${symptom}; a fix is on its way.`,
        }),
      );
    }
    return token;
  } finally {
    await store.close();
  }
}

const target = sqliteTarget();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-assist-'));
const load = () => Math.round(os.loadavg()[0]! * 100) / 100;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const runs: (WrkResult & { cpuUsPerRequest: number; loadAverage: number })[] = [];
try {
  process.stderr.write(`seeding ${OPEN_INCIDENTS} open incidents with public updates…\n`);
  const token = await seed(target);
  const bodies = path.join(workDir, 'bodies.jsonl');
  const lines = MATCHING.flatMap((text, i) => [{ message: text }, { message: NOT_MATCHING[i] ?? text }]);
  fs.writeFileSync(bodies, `${lines.map((b) => JSON.stringify(b)).join('\n')}\n`);
  const server = await startServerProcess(
    ['--import', 'tsx', path.join(BENCH_DIR, 'bench-server.ts')],
    { ...target.serverEnv, LOG_LEVEL: 'warn' },
    path.dirname(BENCH_DIR),
  );
  try {
    // Sanity: the matching half names an incident, the other half nothing.
    const ask = async (message: string) => {
      const reply = await fetch(`${server.url}/api/v1/assist`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
      });
      if (!reply.ok) throw new Error(`assist: ${reply.status} ${await reply.text()}`);
      return ((await reply.json()) as { match: { title: string | null } | null }).match;
    };
    const matched = (await Promise.all(MATCHING.map(ask))).filter(Boolean).length;
    const unmatched = (await Promise.all(NOT_MATCHING.map(ask))).filter((m) => m === null).length;
    console.log(
      `matching messages answered with an incident: ${matched}/${MATCHING.length}; others with none: ${unmatched}/${NOT_MATCHING.length}`,
    );
    const options = {
      url: `${server.url}/api/v1/assist`,
      requests: { mode: 'post-file' as const, file: bodies, authorization: `Bearer ${token}` },
      threads: THREADS,
      connections: CONNECTIONS,
    };
    await runWrk({ ...options, seconds: 5 });
    for (let round = 0; round < ROUNDS; round++) {
      const cpuBefore = cpuSeconds(server.child.pid ?? 0);
      const measured = await runWrk({ ...options, seconds: SECONDS });
      const cpuUsPerRequest = Math.round(
        ((cpuSeconds(server.child.pid ?? 0) - cpuBefore) * 1e6) / measured.requests,
      );
      if (measured.non2xx > 0 || measured.socketErrors > 0)
        throw new Error(
          `round ${round + 1}: ${measured.non2xx} non-2xx, ${measured.socketErrors} socket errors`,
        );
      runs.push({ ...measured, cpuUsPerRequest, loadAverage: load() });
      console.log(
        `round ${round + 1}: ${measured.requestsPerSecond} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ${cpuUsPerRequest} µs CPU/request, load ${load()}`,
      );
    }
  } finally {
    await server.stop();
  }
} finally {
  await target.cleanup();
  fs.rmSync(workDir, { recursive: true, force: true });
}

const about = machine();
const pick = (f: (r: (typeof runs)[number]) => number) => spread(runs.map(f));
console.log(
  `\n${about.cpus} × ${about.cpuModel}, ${about.memoryGiB} GiB, Node ${about.node}, ${about.date}, commit ${commit}`,
);
console.log(
  `wrk -t${THREADS} -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s; load average ${showSpread(
    pick((r) => r.loadAverage),
    1,
  )}\n`,
);
console.log('| req/s | p50 ms | p99 ms | max ms | CPU µs/request |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| ${showSpread(pick((r) => r.requestsPerSecond))} | ${showSpread(
    pick((r) => r.p50Ms),
    1,
  )} | ${showSpread(
    pick((r) => r.p99Ms),
    1,
  )} | ${showSpread(
    pick((r) => r.maxMs),
    1,
  )} | ${showSpread(pick((r) => r.cpuUsPerRequest))} |`,
);
const result = { machine: about, commit, runs };
const file = writeResult('assist-latency', result);
console.log(`\nraw runs: ${path.relative(process.cwd(), file)}`);
