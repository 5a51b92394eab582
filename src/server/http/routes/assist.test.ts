import { expect, it } from 'vitest';
import type { AssistAnswer } from '../../../core/schemas/reports.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
} from '../../../../test/support/server/http/api-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';
import { DeclareIncidentBody, UpdateIncidentBody } from '../../../core/schemas/incident.js';
import { PublishUpdateBody } from '../../../core/schemas/status-page.js';
import { declareIncident } from '../../commands/declare-incident.js';
import { publishPublicUpdate } from '../../commands/status/public-updates.js';
import { updateIncident } from '../../commands/update-incident.js';

const BASE_URL = 'https://beacon.example.com';
const PAGE = `${BASE_URL}/status`;

describeEachDialect('the answer API for chatbots and support agents', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_BASE_URL: BASE_URL });
  const assist = async (body: Record<string, unknown>) =>
    ok<AssistAnswer>(await api().call('POST', '/api/v1/assist', { as: 'support', body }));
  /** Another Beacon process on the same database: its writes reach this one only through the database. */
  const secondProcess = useSecondProcess(api);

  it("answers with what another process declared, changed and published since this one's last answer", async () => {
    const message = 'video calls drop after one minute';
    expect((await assist({ message })).match).toBeNull();

    const other = await secondProcess();
    const caller = api().users.responder;
    const incident = await declareIncident(
      other,
      caller,
      DeclareIncidentBody.parse({ title: 'Video calls drop after one minute', severity: 'SEV2' }),
    );
    expect((await assist({ message })).match).toMatchObject({
      kind: 'incident',
      isPublic: false,
      title: null,
    });

    await publishPublicUpdate(
      other,
      caller,
      incident.ref,
      PublishUpdateBody.parse({
        status: 'investigating',
        message: 'Some calls end after a minute.',
        publicTitle: 'Calls dropping',
      }),
    );
    expect((await assist({ message })).match).toMatchObject({
      isPublic: true,
      title: 'Calls dropping',
      publicStatus: 'investigating',
      latestMessage: 'Some calls end after a minute.',
    });

    await updateIncident(
      other,
      caller,
      incident.ref,
      UpdateIncidentBody.parse({ title: 'Invoice totals wrong' }),
    );
    expect((await assist({ message })).match).toBeNull();
    expect((await assist({ message: 'my invoice totals are wrong' })).match).toMatchObject({
      title: 'Calls dropping',
    });
  });

  it('names the matching incident with public facts only, a reply, and records the message on request', async () => {
    const checkout = await createService(api(), 'checkout');
    const component = ok<{ id: number }>(
      await api().call('POST', '/api/v1/status-page/components', {
        body: { name: 'Checkout', serviceIds: [checkout.id] },
      }),
      201,
    );
    await declare(api(), {
      title: 'Checkout payments failing with error 502 INTERNAL-X9',
      summary: 'INTERNAL-db-failover',
      serviceIds: [checkout.id],
    });
    const message = 'My payment at checkout fails with error 502';

    const hidden = await assist({ message, componentId: component.id });
    expect(hidden.match).toMatchObject({ kind: 'incident', isPublic: false, title: null, url: null });
    expect(hidden.match?.sharedTerms).toContain('502');
    expect(hidden.suggestedReply).toContain('aware of a problem');
    expect(hidden.statusPageUrl).toBe(PAGE);
    expect(JSON.stringify(hidden)).not.toContain('INTERNAL');

    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/public-updates', {
        as: 'responder',
        body: {
          status: 'identified',
          message: 'Card payments fail; a fix is rolling out.',
          publicTitle: 'Payment problems',
        },
      }),
      201,
    );
    const known = await assist({ message });
    expect(known.match).toMatchObject({
      kind: 'incident',
      isPublic: true,
      title: 'Payment problems',
      publicStatus: 'identified',
      latestMessage: 'Card payments fail; a fix is rolling out.',
      url: `${PAGE}/incidents/1`,
    });
    expect(known.suggestedReply).toContain('Payment problems (identified)');
    expect(known.report).toBeNull();
    expect(JSON.stringify(known)).not.toContain('INTERNAL');

    const recorded = await assist({
      message,
      email: 'ana@example.com',
      name: 'Ana',
      customerId: 'zd-42',
      record: true,
    });
    expect(recorded.report).toMatchObject({
      ref: 'R-1001',
      incident: { ref: 'INC-1' },
      metadata: { customerId: 'zd-42' },
    });
    expect(recorded.match).toMatchObject({ kind: 'incident', title: 'Payment problems' });
    expect(recorded.suggestedReply).toContain('Your reference is R-1001');

    const unknown = await assist({ message: 'How do I change the billing address on my invoices?' });
    expect(unknown.match).toBeNull();
    expect(unknown.suggestedReply).toContain('do not know of a problem');
  });

  it('points to a maintenance of the component, and refuses bad input and the viewer role', async () => {
    const search = await createService(api(), 'search');
    const component = ok<{ id: number }>(
      await api().call('POST', '/api/v1/status-page/components', {
        body: { name: 'Search', serviceIds: [search.id] },
      }),
      201,
    );
    const now = api().clock.now();
    ok(
      await api().call('POST', `/api/v1/services/${String(search.id)}/maintenance`, {
        as: 'responder',
        body: {
          startsAt: new Date(now + 3_600_000).toISOString(),
          endsAt: new Date(now + 7_200_000).toISOString(),
          reason: 'Search index upgrade',
        },
      }),
      201,
    );
    const answer = await assist({ message: 'Search gives no results', componentId: component.id });
    expect(answer.match).toMatchObject({
      kind: 'maintenance',
      publicStatus: 'scheduled',
      title: 'Search index upgrade',
    });
    expect(answer.suggestedReply).toContain('scheduled maintenance: Search index upgrade');

    expectProblem(
      await api().call('POST', '/api/v1/assist', { as: 'support', body: { message: 'x', record: true } }),
      400,
      'email',
    );
    expectProblem(
      await api().call('POST', '/api/v1/assist', { as: 'support', body: { message: '' } }),
      400,
      'message',
    );
    expectProblem(await api().call('POST', '/api/v1/assist', { as: 'viewer', body: { message: 'hi' } }), 403);
    const reports = ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/reports', { as: 'support' }));
    expect(reports.items).toEqual([]);
  });
});
