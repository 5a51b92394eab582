import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TriageDryRunResult } from '../core/schemas/triage.js';
import { argv } from '../../test/support/cli/cli-harness.js';
import { succeeded, useCliServer } from '../../test/support/cli/cli-server.js';

// The real bin against a real server: an admin's token lists the rule sets and dry-runs a
// draft from a file over alerts that came in through the Alertmanager route.
const cli = useCliServer('triage');
const { beacon } = cli;

/** An API call with the admin's token, or with none (the inbound route takes its key). */
async function call<T>(method: string, url: string, body: unknown, auth = true): Promise<T> {
  if (auth) return cli.api<T>(method, url, body);
  const response = await fetch(`${cli.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.text()).toBeLessThan(300);
  return {} as T;
}

describe('beacon triage-rules', () => {
  it('lists rule sets and dry-runs a draft file over stored alerts', async () => {
    const service = await call<{ id: number }>('POST', '/api/v1/services', { name: 'db' });
    const integration = await call<{ key: string }>(
      'POST',
      `/api/v1/services/${String(service.id)}/integrations`,
      {
        type: 'alertmanager',
        name: 'Prometheus',
      },
    );
    await call(
      'POST',
      `/integrations/alertmanager/${integration.key}/api/v2/alerts`,
      [
        { labels: { alertname: 'PostgresDown', env: 'prod' }, annotations: { summary: 'Postgres is down' } },
        { labels: { alertname: 'DiskFull', env: 'staging' }, annotations: { summary: 'Staging disk full' } },
      ],
      false,
    );
    expect(succeeded(await beacon(argv`triage-rules list`))).toBe('no triage rule sets\n');
    await call('POST', '/api/v1/triage-rules', {
      name: 'Tags',
      mode: 'all_match',
      rules: [{ name: 'Tag all', actions: { tags: ['seen'] } }],
    });
    const list = succeeded(await beacon(argv`triage-rules list`))
      .trimEnd()
      .split('\n');
    expect(list[0]).toMatch(/^ID\s+NAME\s+SCOPE\s+MODE\s+VERSION\s+RULES$/);
    expect(list[1]).toMatch(/^\s*1\s+Tags\s+every service\s+all_match\s+v1\s+Tag all$/);

    const file = path.join(cli.dataDir, 'draft.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'Noise',
        rules: [
          {
            name: 'Drop staging',
            conditions: [{ field: 'label', name: 'env', op: 'equals', value: 'staging' }],
            actions: { suppress: true },
          },
        ],
      }),
    );
    const table = succeeded(await beacon(['triage-rules', 'dry-run', file]))
      .trimEnd()
      .split('\n');
    expect(table[0]).toMatch(/^KIND\s+SUMMARY\s+NOW\s+DRAFT\s+RULES$/);
    expect(table.find((line) => line.includes('Staging disk full'))).toMatch(
      /SEV3\/P3 #seen\s+\* suppressed\s+Tag all, Drop staging$/,
    );
    expect(table.find((line) => line.includes('Postgres is down'))).toMatch(
      /SEV3\/P3 #seen\s+SEV3\/P3 #seen\s+Tag all$/,
    );
    expect(table.slice(-2)).toEqual(['1 of 2 would change (*)', 'rule "Drop staging": 1 matched']);
    const json = JSON.parse(
      succeeded(await beacon(['--json', 'triage-rules', 'dry-run', '--limit', '1', file])),
    ) as TriageDryRunResult;
    expect(json.items).toHaveLength(1);

    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'Bad',
        rules: [{ name: 'R', conditions: [{ field: 'label', name: 'x', op: 'regex', value: '(' }] }],
      }),
    );
    const bad = await beacon(['triage-rules', 'dry-run', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('rules.0.conditions.0.value');
    const missing = await beacon(['triage-rules', 'dry-run', path.join(cli.dataDir, 'nope.json')]);
    expect(missing.code).toBe(2);
  });
});
