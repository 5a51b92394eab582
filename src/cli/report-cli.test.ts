import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPage } from '../core/schemas/reports.js';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server: reports sent by a support user's token cluster into a
// triage incident; `beacon report list` shows them whole, unlinked only, or of one incident.
let dataDir: string;
let server: ServerProcess | undefined;
let token = '';

const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};
const beacon = (args: string[]) =>
  runCli(args, cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token }));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-reports-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  const local = cleanEnv({ BEACON_DATA_DIR: dataDir });
  succeeded(
    await runCli(
      argv`user add --email desk@example.com --role support --password-stdin`,
      local,
      'correct-horse-battery',
    ),
  );
  token = succeeded(await runCli(argv`token create --email desk@example.com --name helpdesk`, local)).trim();
}, 120_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon report list', () => {
  it('lists reports, the unlinked ones and those of one incident, as a table and as JSON', async () => {
    const messages = [
      'Checkout fails: payment page shows error 502 when I pay',
      'I cannot pay, the payment step returns a 502 error at checkout',
      'Payment failed with 502 Bad Gateway on the checkout page',
      'How do I change the billing address on my invoices?',
    ];
    for (const [i, message] of messages.entries()) {
      const response = await fetch(`${server?.url ?? ''}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Customer ${i + 1}`, email: `c${i + 1}@example.com`, message }),
      });
      expect(response.status, await response.text()).toBeLessThan(300);
    }

    const table = succeeded(await beacon(['report', 'list']))
      .trimEnd()
      .split('\n');
    expect(table[0]).toMatch(/^REF\s+AGE\s+SOURCE\s+FROM\s+INCIDENT\s+MESSAGE$/);
    expect(table).toHaveLength(5);
    expect(table.filter((line) => / api\s+c\d@example\.com\s+INC-1\s+/.test(line))).toHaveLength(3);
    expect(table[1]).toMatch(/^R-\S+\s+\S+\s+api\s+c4@example\.com\s+-\s+How do I change the billing/);

    const unlinked = succeeded(await beacon(argv`report list --unlinked`))
      .trimEnd()
      .split('\n');
    expect(unlinked).toHaveLength(2);
    expect(unlinked[1]).toContain('c4@example.com');

    const ofIncident = JSON.parse(
      succeeded(await beacon(argv`--json report list --incident INC-1`)),
    ) as ReportPage;
    expect(ofIncident.items.map((r) => r.email).sort()).toEqual([
      'c1@example.com',
      'c2@example.com',
      'c3@example.com',
    ]);
    expect(
      ofIncident.items.every((r) => r.incident?.ref === 'INC-1' && r.linkReason?.kind === 'cluster'),
    ).toBe(true);

    expect(succeeded(await beacon(argv`report list --source email`))).toBe('no reports match\n');
    const missing = await beacon(argv`report list --incident INC-99`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('incident INC-99 not found');
    const bad = await beacon(argv`report list --incident nope`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('incident');
  });
});
