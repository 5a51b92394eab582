import { expect, it } from 'vitest';
import { type ApiHarness, useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  integrationFor,
  json,
  listAlerts,
  send,
} from '../../../test/support/server/ingest/inbound-test-helpers.js';

/** The client address Beacon believed: Opsgenie alerts without a source get the caller's address. */
async function sourceSeen(api: ApiHarness, forwardedFor: string): Promise<string | null> {
  const { key } = await integrationFor(api, 'opsgenie');
  json(
    await send(
      api,
      'POST',
      '/v2/alerts',
      { message: 'Disk full', alias: 'disk' },
      {
        authorization: `GenieKey ${key}`,
        'x-forwarded-for': forwardedFor,
      },
    ),
    202,
  );
  const [alert] = await listAlerts(api);
  return alert?.source ?? null;
}

describeEachDialect('X-Forwarded-For by default', (dialect) => {
  const api = useApiHarness(dialect);

  it('is ignored: the address is the peer’s', async () => {
    expect(await sourceSeen(api(), '203.0.113.9')).toBe('127.0.0.1');
  });
});

describeEachDialect('X-Forwarded-For from a trusted proxy address', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });

  it('names the client: the nearest address that is not a trusted proxy', async () => {
    expect(await sourceSeen(api(), '198.51.100.7, 203.0.113.9, 10.1.2.3')).toBe('203.0.113.9');
  });
});

describeEachDialect('X-Forwarded-For when every peer is trusted', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_TRUST_PROXY: 'true' });

  it('names the first address of the header', async () => {
    expect(await sourceSeen(api(), '198.51.100.7, 203.0.113.9')).toBe('198.51.100.7');
  });
});
