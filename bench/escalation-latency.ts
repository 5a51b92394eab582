/**
 * Escalation timing: starts the real server on a fresh SQLite database, creates N escalation runs
 * due at spread times over a window, lets the server's own worker timer fire them, and reports
 * how late each step fired (timeline time − due time).
 *   npx tsx bench/escalation-latency.ts [--runs 200] [--window 20]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { declareIncident } from '../src/server/commands/declare-incident.js';
import { createPolicy } from '../src/server/commands/oncall/escalation-policies.js';
import { createService } from '../src/server/commands/services.js';
import { createUser } from '../src/server/commands/users.js';
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, window: { type: 'string', default: '20' } },
});
const RUNS = Number(args.runs);
const WINDOW_MS = Number(args.window) * 1000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-escalation-'));
  const config = loadConfig({ BEACON_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
  const server = await startServer(config);
  const { ctx } = server;
  try {
    const user = await createUser(ctx, null, {
      email: 'oncall@example.com',
      name: 'On call',
      role: 'responder',
      password: 'correct-horse-battery',
    });
    const caller = { userId: user.id, name: user.name, email: user.email, role: 'responder' as const };
    const service = await createService(ctx, { name: 'bench' });
    const policy = await createPolicy(ctx, {
      name: 'bench',
      repeatCount: 0,
      steps: [{ delayMinutes: 60, targets: [{ type: 'user', id: user.id }] }],
    });
    // Incidents first (no policy yet: no runs), then runs due at spread times from a little ahead.
    const incidents: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      const incident = await declareIncident(ctx, caller, {
        title: `bench ${n}`,
        status: 'triggered',
        serviceIds: [service.id],
        severity: 'SEV3',
        impact: 'medium',
        urgency: 'medium',
      });
      incidents.push(incident.number);
    }
    const ids = await ctx.store.db.selectFrom('incidents').select(['id', 'number']).execute();
    const start = Date.now() + 2_000;
    const due = new Map<number, number>();
    await ctx.store.transaction(async (tx) => {
      for (const [index, row] of ids.entries()) {
        const at = start + Math.round((index * WINDOW_MS) / RUNS + Math.random() * (WINDOW_MS / RUNS));
        due.set(row.id, at);
        await tx
          .insertInto('escalation_runs')
          .values({
            incident_id: row.id,
            policy_id: policy.id,
            step_index: 0,
            repeat_index: 0,
            due_at: at,
            ended_at: null,
            end_reason: null,
            created_at: Date.now(),
          })
          .execute();
      }
    });
    const deadline = start + WINDOW_MS + 15_000;
    let fired: Array<{ incident_id: number; at: number }> = [];
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      fired = await ctx.store.db
        .selectFrom('timeline_entries')
        .select(['incident_id', 'at'])
        .where('kind', '=', 'escalated')
        .execute();
      if (fired.length >= RUNS) break;
    }
    const late = fired
      .map((entry) => entry.at - (due.get(entry.incident_id) ?? entry.at))
      .sort((a, b) => a - b);
    const early = late.filter((ms) => ms < 0).length;
    const result = {
      runs: RUNS,
      fired: fired.length,
      windowSeconds: WINDOW_MS / 1000,
      p50: percentile(late, 50),
      p99: percentile(late, 99),
      max: late.at(-1) ?? NaN,
      early,
      node: process.version,
      cpus: os.cpus().length,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `\n| runs | fired | window | p50 | p99 | max | fired early |\n|---|---|---|---|---|---|---|\n` +
        `| ${RUNS} | ${fired.length} | ${WINDOW_MS / 1000} s | ${result.p50} ms | ${result.p99} ms | ${result.max} ms | ${early} |`,
    );
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
