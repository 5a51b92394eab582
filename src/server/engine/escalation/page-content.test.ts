import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import type { EscalationState } from '../../../core/schemas/oncall.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

// What a page says, read from the database when it is sent: the alert's service, summary,
// key labels and links, when it fired, who else was paged, who acknowledged; and the
// "Acknowledge all" link of a bundle, through HTTP.

describeEachDialect('a page carries what a responder needs', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  const mailTo = (address: string) =>
    smtp().messages.filter((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === address);

  it('names the service, the alert, its labels and links, when it fired and who else was paged', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      {
        delayMinutes: 30,
        targets: [
          { type: 'user', id: users.responder.userId },
          { type: 'user', id: users.viewer.userId },
        ],
      },
    ]);
    const integration = ok<{ key: string }>(
      await api().call('POST', `/api/v1/services/${serviceId}/integrations`, {
        body: { type: 'alertmanager', name: 'prometheus' },
      }),
      201,
    );
    const posted = await api().app.inject({
      method: 'POST',
      url: `/integrations/alertmanager/${integration.key}/api/v2/alerts`,
      payload: [
        {
          labels: { alertname: 'HighErrorRate', severity: 'critical', instance: 'web-7', pod: 'api-1' },
          annotations: {
            summary: 'Error rate above 5% on checkout',
            runbook_url: 'https://runbooks.example/high-error-rate',
          },
          generatorURL: 'https://prometheus.example/graph?g0.expr=errors',
        },
      ],
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const firedAt = api().clock.now();
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();

    const [toResponder] = mailTo('responder@example.com');
    const service = ok<{ name: string }>(await api().call('GET', `/api/v1/services/${serviceId}`));
    const text = toResponder?.text ?? '';
    expect(text).toContain(`  Service:     ${service.name}`);
    expect(text).toContain('  Alert:       Error rate above 5% on checkout');
    expect(text).toContain(
      '  Labels:      alertname=HighErrorRate, severity=critical, instance=web-7, pod=api-1',
    );
    expect(text).toContain(
      `  Fired:       ${new Date(firedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );
    expect(text).toContain('  Runbook:     https://runbooks.example/high-error-rate');
    expect(text).toContain('  Source:      https://prometheus.example/graph?g0.expr=errors');
    expect(text).toContain('  Also paged:  Viewer');
    expect(text).toContain('  Acknowledged: not yet');
    expect(toResponder?.html).toContain('<a href="https://runbooks.example/high-error-rate">');
    expect(mailTo('viewer@example.com')[0]?.text).toContain('  Also paged:  Responder');
    await engine.close();
  });

  it('says who acknowledged when someone is notified afterwards', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 30, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    await trigger(api(), serviceId);
    await engine.tick();
    api().clock.advance(60_000);
    ok(await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'responder', body: {} }));
    const acknowledgedAt = api().clock.now();
    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/reassign', {
        as: 'responder',
        body: { userIds: [users.admin.userId] },
      }),
    );
    api().clock.advance(10_000);
    await engine.tick();

    const [toAdmin] = mailTo('admin@example.com');
    const at = new Date(acknowledgedAt).toISOString().slice(0, 16).replace('T', ' ');
    expect(toAdmin?.text).toContain(`  Acknowledged: by Responder at ${at} UTC`);
    expect(toAdmin?.text).toContain('  Also paged:  Responder');
    await engine.close();
  });

  it('a reopened incident pages as not acknowledged, though it was acknowledged before', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 30, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    await trigger(api(), serviceId);
    await engine.tick();
    ok(await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'responder', body: {} }));
    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/resolve', {
        as: 'responder',
        body: { resolutionSummary: 'Restarted the pod' },
      }),
    );
    api().clock.advance(60_000);
    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/status', {
        as: 'responder',
        body: { status: 'triggered' },
      }),
    );
    api().clock.advance(10_000);
    await engine.tick();

    const pages = mailTo('responder@example.com');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.at(-1)?.text).toContain('  Acknowledged: not yet');
    await engine.close();
  });

  it('bundles give one Acknowledge all link that acknowledges every incident, once', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
      { delayMinutes: 5, targets: [{ type: 'user', id: users.admin.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await trigger(api(), serviceId, 'Checkout is down');
    await trigger(api(), serviceId, 'Search is slow');
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1);
    const match = /^Acknowledge all 2: (\S+)$/m.exec(smtp().messages[0]?.text ?? '');
    expect(match, smtp().messages[0]?.text).not.toBeNull();
    const path = new URL(match?.[1] ?? '').pathname;

    // GET only shows what it will do; POST acknowledges both in one go.
    const preview = await api().app.inject({ method: 'GET', url: path });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('INC-1');
    expect(preview.body).toContain('INC-2');
    expect(preview.body).toContain('Acknowledge all 2</button>');
    const statusOf = async (ref: string) =>
      ok<Incident>(await api().call('GET', `/api/v1/incidents/${ref}`)).status;
    expect(await statusOf('INC-1')).toBe('triggered');
    const post = () =>
      api().app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
    const acknowledged = await post();
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.body).toContain('Acknowledged 2 incidents');
    expect(await statusOf('INC-1')).toBe('investigating');
    expect(await statusOf('INC-2')).toBe('investigating');
    for (const ref of ['INC-1', 'INC-2']) {
      const state = ok<EscalationState>(await api().call('GET', `/api/v1/incidents/${ref}/escalation`));
      expect(state.isActive).toBe(false);
      const timeline = ok<{ items: Array<{ kind: string; actor: { name: string } }> }>(
        await api().call('GET', `/api/v1/incidents/${ref}/timeline`),
      );
      expect(
        timeline.items.some((entry) => entry.kind === 'acknowledged' && entry.actor.name === 'Responder'),
      ).toBe(true);
    }
    expect((await post()).statusCode).toBe(410);

    // Nobody else is paged: the second step finds both acknowledged.
    api().clock.advance(10 * 60_000);
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1);
    await engine.close();
  });

  it('an Acknowledge all link that was tampered with acknowledges nothing', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await trigger(api(), serviceId);
    await trigger(api(), serviceId, 'Search is slow');
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
    const link = /^Acknowledge all 2: (\S+)$/m.exec(smtp().messages[0]?.text ?? '')?.[1] ?? '';
    // The same token naming another message id: the signature no longer matches.
    const path = new URL(link).pathname.replace(
      /\/ack\/(\d+)\./,
      (_all, id: string) => `/ack/${Number(id) + 1}.`,
    );
    const forged = await api().app.inject({ method: 'POST', url: path, payload: '' });
    expect(forged.statusCode).toBe(404);
    expect(ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1')).status).toBe('triggered');
    await engine.close();
  });
});
