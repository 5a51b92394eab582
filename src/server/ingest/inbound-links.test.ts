import { expect, it } from 'vitest';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  integrationFor,
  listAlerts,
  send,
} from '../../../test/support/server/ingest/inbound-test-helpers.js';

const SCRIPT = 'javascript:alert(document.cookie)';
const DATA = 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';
const HTTPS = 'https://grafana.example.com/d/disk';

// Links that come in with an alert are kept only when they are http(s) URLs, from every source.
describeEachDialect('inbound links', (dialect) => {
  const api = useApiHarness(dialect);

  it('drops PagerDuty links, images and client_url that are not http(s)', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    const res = await send(api(), 'POST', '/v2/enqueue', {
      routing_key: key,
      event_action: 'trigger',
      client: 'Evil',
      client_url: SCRIPT,
      links: [
        { href: SCRIPT, text: 'Click' },
        { href: HTTPS, text: 'Dashboard' },
      ],
      images: [{ src: DATA, alt: 'Graph' }],
      payload: { summary: 'Disk full', source: 'db-1', severity: 'error' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const [alert] = await listAlerts(api());
    expect(alert?.links).toEqual([{ href: HTTPS, text: 'Dashboard' }]);
    expect(alert?.generatorUrl).toBeNull();
  });

  it('drops an Alertmanager generatorURL and runbook_url that are not http(s)', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const res = await send(api(), 'POST', `/integrations/alertmanager-webhook/${key}`, {
      version: '4',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DiskFull' },
          annotations: { runbook_url: DATA },
          generatorURL: SCRIPT,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [alert] = await listAlerts(api());
    expect(alert?.links).toEqual([]);
    expect(alert?.generatorUrl).toBeNull();
  });

  it('drops Beacon event links that are not http(s)', async () => {
    const { key } = await integrationFor(api(), 'generic');
    const res = await send(
      api(),
      'POST',
      '/api/v1/events',
      {
        summary: 'Disk full',
        links: [
          { href: SCRIPT, text: 'Click' },
          { href: HTTPS, text: 'Dashboard' },
        ],
      },
      { authorization: `Bearer ${key}` },
    );
    expect(res.statusCode, res.body).toBe(202);
    const [alert] = await listAlerts(api());
    expect(alert?.links).toEqual([{ href: HTTPS, text: 'Dashboard' }]);
  });
});
