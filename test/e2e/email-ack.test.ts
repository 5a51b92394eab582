import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationState } from '../../src/core/schemas/oncall.js';
import {
  type SmtpSink,
  linkIn,
  startSmtpSink,
} from '../support/server/engine/escalation/paging-test-helpers.js';
import { apiCall, hasChromium, recordCspViolations, signIn, WAIT, useBrowserSuite } from './beacon-server.js';

/** Poll until `check` returns something, or fail after `WAIT`. */
async function eventually<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const until = Date.now() + WAIT;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!hasChromium)('paging by email, acknowledged from a phone', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const suite = useBrowserSuite(() => ({ BEACON_SMTP_URL: smtp.url, BEACON_NOTIFY_BUNDLE_SECONDS: '0' }));

  it('an alert from Alertmanager pages the on-call by email; the link acknowledges on a phone', async () => {
    const { baseUrl } = suite.server;
    const desk = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const phone = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const deskViolations = await recordCspViolations(desk);
    const phoneViolations = await recordCspViolations(phone);
    try {
      // Set up as an admin would: a schedule with the admin on call, a policy, a service, a key.
      const page = await desk.newPage();
      await signIn(page, baseUrl);
      const me = await apiCall<{ user: { id: number } }>(page, baseUrl, 'GET', '/api/v1/session');
      const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      const schedule = await apiCall<{ id: number }>(page, baseUrl, 'POST', '/api/v1/schedules', {
        name: 'Primary',
        timeZone: 'UTC',
        layers: [
          {
            participants: [me.user.id],
            rotation: { kind: 'weekly' },
            handoffTime: '09:00',
            startDate: weekAgo,
          },
        ],
      });
      const policy = await apiCall<{ id: number }>(page, baseUrl, 'POST', '/api/v1/escalation-policies', {
        name: 'Checkout',
        repeatCount: 2,
        steps: [{ delayMinutes: 5, targets: [{ type: 'schedule', id: schedule.id }] }],
      });
      const service = await apiCall<{ id: number }>(page, baseUrl, 'POST', '/api/v1/services', {
        name: 'checkout',
      });
      await apiCall(page, baseUrl, 'PATCH', `/api/v1/services/${service.id}/escalation-policy`, {
        policyId: policy.id,
      });
      const integration = await apiCall<{ key: string }>(
        page,
        baseUrl,
        'POST',
        `/api/v1/services/${service.id}/integrations`,
        { type: 'alertmanager', name: 'prometheus' },
      );

      // Alertmanager's API v2, as Prometheus posts it.
      const posted = await fetch(`${baseUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${integration.key}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            labels: { alertname: 'CheckoutErrors', severity: 'critical', instance: 'web-1' },
            annotations: { summary: 'Checkout error rate above 5%' },
          },
        ]),
      });
      expect(posted.status).toBe(200);

      // The page arrives by email (the wait is bounded by WAIT).
      const mail = await eventually(() => smtp.messages[0]);
      expect(mail.subject).toMatch(/^\[Beacon\] INC-1 triggered: /);
      const ackPath = linkIn(mail.text, 'Acknowledge');

      // On the phone: the link shows a confirmation page; tapping the button acknowledges.
      const mobile = await phone.newPage();
      await mobile.goto(`${baseUrl}${ackPath}`);
      await mobile.getByRole('heading', { name: 'Acknowledge INC-1?' }).waitFor({ timeout: WAIT });
      await mobile.screenshot({ path: `${suite.shots}/email-ack-phone.png`, fullPage: true });
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const button = mobile.getByRole('button', { name: 'Acknowledge' });
      const box = await button.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44); // a comfortable tap target
      await button.tap();
      await mobile.getByText('Acknowledged').first().waitFor({ timeout: WAIT });
      await mobile.screenshot({ path: `${suite.shots}/email-ack-phone-done.png`, fullPage: true });

      const incident = await apiCall<{ status: string }>(page, baseUrl, 'GET', '/api/v1/incidents/INC-1');
      expect(incident.status).toBe('investigating');
      const escalation = await apiCall<EscalationState>(
        page,
        baseUrl,
        'GET',
        '/api/v1/incidents/INC-1/escalation',
      );
      expect(escalation.isActive).toBe(false);

      // The link works once.
      const again = await mobile.goto(`${baseUrl}${ackPath}`);
      expect(again?.status()).toBe(410);
      // The UI and the one-click pages (their inline style allowed by hash) ran within their CSPs.
      expect([...deskViolations, ...phoneViolations]).toEqual([]);
    } finally {
      await desk.close();
      await phone.close();
    }
  }, 120_000);
});
