import { describe, expect, it } from 'vitest';
import type { ReportPage } from '../core/schemas/reports.js';
import { argv } from '../../test/support/cli/cli-harness.js';
import { succeeded, useCliServer } from '../../test/support/cli/cli-server.js';

// The real bin against a real server: reports sent by a support user's token cluster into a
// triage incident; `beacon report list` shows them whole, unlinked only, or of one incident.
const cli = useCliServer('reports', { email: 'desk@example.com', role: 'support' });
const { beacon } = cli;

describe('beacon report list', () => {
  it('lists reports, the unlinked ones and those of one incident, as a table and as JSON', async () => {
    const messages = [
      'Checkout fails: payment page shows error 502 when I pay',
      'I cannot pay, the payment step returns a 502 error at checkout',
      'Payment failed with 502 Bad Gateway on the checkout page',
      'How do I change the billing address on my invoices?',
    ];
    for (const [i, message] of messages.entries()) {
      await cli.api('POST', '/api/v1/reports', {
        name: `Customer ${String(i + 1)}`,
        email: `c${String(i + 1)}@example.com`,
        message,
      });
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
