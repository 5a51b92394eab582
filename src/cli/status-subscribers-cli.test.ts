import { beforeAll, describe, expect, it } from 'vitest';
import { argv } from '../../test/support/cli/cli-harness.js';
import { succeeded, useCliServer } from '../../test/support/cli/cli-server.js';

// The real bin against a real server: listing and exporting the status page's subscribers.
const cli = useCliServer('subscribers');
const { beacon } = cli;
const post = <T>(route: string, body: unknown) => cli.api<T>('POST', `/api/v1${route}`, body);

beforeAll(async () => {
  const checkout = await post<{ id: number }>('/status-page/components', { name: 'Checkout' });
  await post('/status-page/subscribers', {
    channel: 'email',
    address: 'ana@example.com',
    skipOptIn: true,
    reason: 'imported',
  });
  await post('/status-page/subscribers', {
    channel: 'email',
    address: 'bo@example.com',
    componentIds: [checkout.id],
  });
}, 120_000);

describe('beacon status subscribers', () => {
  it('lists subscribers with counts and filters, and exports them as CSV', async () => {
    const listed = succeeded(await beacon(argv`status subscribers`));
    expect(listed).toContain('1 confirmed, 1 awaiting confirmation, 0 unsubscribed');
    expect(listed).toMatch(/ana@example\.com\s+email\s+confirmed\s+all/);
    expect(listed).toMatch(/bo@example\.com\s+email\s+pending\s+Checkout/);
    const pending = succeeded(await beacon(argv`status subscribers list --state pending`));
    expect(pending).toContain('bo@example.com');
    expect(pending).not.toContain('ana@example.com');
    const json = JSON.parse(
      succeeded(await beacon(argv`status subscribers --component checkout --json`)),
    ) as {
      items: Array<{ address: string }>;
    };
    expect(json.items.map((s) => s.address).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    const csv = succeeded(await beacon(argv`status subscribers export --state confirmed`));
    expect(csv.split('\r\n')[0]).toBe(
      'id,channel,address,email,state,source,components,created_at,confirmed_at,unsubscribed_at',
    );
    expect(csv).toContain(',email,ana@example.com,ana@example.com,confirmed,admin,all,');
    expect(csv).not.toContain('bo@example.com');
    const refused = await beacon(argv`status subscribers --state nope`);
    expect(refused.code).not.toBe(0);
  });
});
