import { expect, it } from 'vitest';
import { describeEachDialect, useTestDatabase } from '../../../../../test/support/server/test-database.js';
import type { PagePayload } from '../../../../core/schemas/oncall.js';
import { alertHistory, appendAlertEvent, insertOpenAlert, updateAlert } from '../alerts.js';
import { extendBundle, insertOutbox } from '../notifications.js';
import { findServiceById, insertService, updateService } from '../services.js';
import type { NewAlertValues } from '../alerts.js';
import { declareIncident } from '../../../commands/declare-incident.js';
import { createUser } from '../../../commands/users.js';

const page = (key: string): PagePayload => ({
  items: [
    {
      incidentId: 1,
      ref: 'INC-1',
      title: 'Disk full: «/var» ✓',
      severity: 'SEV2',
      priority: 'P2',
      reason: 'escalation step 1',
      key,
    },
  ],
});

describeEachDialect('row mappers', (dialect) => {
  const database = useTestDatabase(dialect);

  async function service(): Promise<number> {
    const { store } = database().ctx;
    const row = await store.transaction((tx) =>
      insertService(tx, { name: 'api', description: '', created_at: 1, updated_at: 1 }),
    );
    return row.id;
  }

  function alert(serviceId: number): NewAlertValues {
    return {
      service_id: serviceId,
      integration_id: null,
      dedup_key: 'disk',
      status: 'firing',
      summary: 'Disk full',
      severity: 'critical',
      source: null,
      labels: { alertname: 'DiskFull', '2': 'second' },
      details: { used: 0.97, mounts: ['/var'] },
      links: [{ href: 'https://example.com/d', text: 'dashboard' }],
      generator_url: null,
      payload: { raw: true },
      starts_at: 1,
      ends_at: null,
      acknowledged_at: null,
      resolved_at: null,
      incident_id: null,
      group_key: 'g',
      is_suppressed: true,
      is_flapping: false,
      suppressed_by_rule: {
        ruleSetId: 1,
        ruleSetName: 'Noise',
        ruleSetVersion: 2,
        ruleId: 3,
        ruleName: 'Drop',
      },
      state_changes: [1, 2],
      event_count: 1,
      last_event_at: 1,
      created_at: 1,
      updated_at: 1,
    };
  }

  it('stores JSON as text and flags as 0/1, and hands back domain values', async () => {
    const { store } = database().ctx;
    const values = alert(await service());
    const inserted = await store.transaction((tx) => insertOpenAlert(tx, values));
    expect(inserted).toMatchObject({ labels: values.labels, is_suppressed: true, is_flapping: false });
    const raw = await store.db.selectFrom('alerts').selectAll().executeTakeFirstOrThrow();
    expect(raw).toMatchObject({
      labels: JSON.stringify(values.labels),
      details: JSON.stringify(values.details),
      links: JSON.stringify(values.links),
      payload: '{"raw":true}',
      state_changes: '[1,2]',
      is_suppressed: 1,
      is_flapping: 0,
    });
    const updated = await store.transaction((tx) =>
      updateAlert(tx, raw.id, { is_suppressed: false, state_changes: [1, 2, 3] }),
    );
    expect(updated).toMatchObject({ is_suppressed: false, state_changes: [1, 2, 3], labels: values.labels });
    // Columns an update leaves alone stay as they were.
    const after = await store.db.selectFrom('alerts').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({ is_suppressed: 0, state_changes: '[1,2,3]', labels: raw.labels });
  });

  it('stores an alert event without a payload as NULL and a null payload as JSON null', async () => {
    const { store } = database().ctx;
    const serviceId = await service();
    const inserted = await store.transaction((tx) => insertOpenAlert(tx, alert(serviceId)));
    if (!inserted) throw new Error('alert not inserted');
    await store.transaction(async (tx) => {
      await appendAlertEvent(tx, { alertId: inserted.id, at: 2, kind: 'acknowledge' });
      await appendAlertEvent(tx, { alertId: inserted.id, at: 3, kind: 'expired', payload: null });
      await appendAlertEvent(tx, { alertId: inserted.id, at: 4, kind: 'resolve', payload: { a: 1 } });
    });
    const raw = await store.db.selectFrom('alert_events').select('payload').orderBy('id').execute();
    expect(raw.map((row) => row.payload)).toEqual([null, 'null', '{"a":1}']);
    const history = await alertHistory(store.db, inserted.id);
    expect(history.map((event) => event.payload)).toEqual([null, null, { a: 1 }]);
  });

  it('keeps a service without rules null and decodes the rules it was given', async () => {
    const { store } = database().ctx;
    const id = await service();
    expect((await findServiceById(store.db, id))?.alert_rules).toBeNull();
    await store.transaction((tx) => updateService(tx, id, { alert_rules: { groupWindowMinutes: 5 } }));
    const raw = await store.db.selectFrom('services').select('alert_rules').executeTakeFirstOrThrow();
    expect(raw.alert_rules).toBe('{"groupWindowMinutes":5}');
    expect((await findServiceById(store.db, id))?.alert_rules).toEqual({ groupWindowMinutes: 5 });
  });

  it('extends a bundle only while its stored payload is still the one read', async () => {
    const { ctx } = database();
    const { store } = ctx;
    // The page's items name incident 1, which the outbox links to: it must exist.
    const user = await createUser(ctx, null, {
      email: 'r@example.com',
      role: 'responder',
      password: 'correct-horse-battery',
    });
    await declareIncident(
      ctx,
      { userId: user.id, name: user.name, email: user.email, role: 'responder' },
      { title: 'Disk full', severity: 'SEV2', status: 'investigating' },
    );
    const bundle = await store.transaction((tx) =>
      insertOutbox(tx, {
        user_id: null,
        contact_method_id: null,
        channel: 'email',
        address: 'a@example.com',
        kind: 'page',
        incident_id: null,
        payload: page('first'),
        dedupe_key: 'first',
        status: 'pending',
        attempts: 0,
        next_attempt_at: 10,
        last_error: null,
        lease_until: null,
        created_at: 1,
        sent_at: null,
      }),
    );
    if (!bundle) throw new Error('outbox row not inserted');
    const extended = { items: [...bundle.payload.items, ...page('second').items] };
    expect(await store.transaction((tx) => extendBundle(tx, bundle, extended, 5))).toBe(true);
    // `bundle` now holds a payload that is no longer stored: a second writer loses.
    expect(await store.transaction((tx) => extendBundle(tx, bundle, page('third'), 5))).toBe(false);
    const raw = await store.db.selectFrom('outbox').select('payload').executeTakeFirstOrThrow();
    expect(raw.payload).toBe(JSON.stringify(extended));
  });
});
