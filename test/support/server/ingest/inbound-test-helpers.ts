import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { findUncleanText } from '../../../../src/core/text/clean-text.js';
import type { Alert, IntegrationType } from '../../../../src/core/schemas/alerting.js';
import type { Incident } from '../../../../src/core/schemas/incident.js';
import type { AppContext } from '../../../../src/server/commands/context.js';
import type { ApiHarness } from '../api-harness.js';
import type { DialectName } from '../test-database.js';
import { ok } from '../http/api-test-helpers.js';

// Factories and reads shared by the inbound format tests (test-only module).

/** A new service with one integration of `type`; its id and key. */
export async function integrationFor(
  api: ApiHarness,
  type: IntegrationType,
  serviceName = `svc-${type}`,
): Promise<{ serviceId: number; key: string; integrationId: number }> {
  const service = ok<{ id: number }>(
    await api.call('POST', '/api/v1/services', { body: { name: serviceName } }),
    201,
  );
  const integration = ok<{ id: number; key: string }>(
    await api.call('POST', `/api/v1/services/${service.id}/integrations`, {
      body: { type, name: `${type} (prod)` },
    }),
    201,
  );
  return { serviceId: service.id, key: integration.key, integrationId: integration.id };
}

/** Every alert (newest first), as the API lists them. */
export async function listAlerts(api: ApiHarness): Promise<Alert[]> {
  return ok<{ items: Alert[] }>(await api.call('GET', '/api/v1/alerts?limit=100', { as: 'viewer' })).items;
}

/** Every incident, as the API lists them. */
export async function listIncidents(api: ApiHarness): Promise<Incident[]> {
  return ok<{ items: Incident[] }>(await api.call('GET', '/api/v1/incidents?limit=100', { as: 'viewer' }))
    .items;
}

/** Send a request the way an external tool does: raw body text, its own headers, no Beacon token. */
export function send(
  api: ApiHarness,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return api.app.inject({
    method,
    url,
    headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** Assert a JSON reply with `status` and return its body. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body they expect
export function json<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<T>();
}

/** Assert that nothing at all was stored: no alert and no incident. */
export async function expectNothingStored(api: ApiHarness): Promise<void> {
  expect(await listAlerts(api)).toEqual([]);
  expect(await listIncidents(api)).toEqual([]);
}

/**
 * Make the database itself refuse every alert of a service (a trigger that raises on
 * insert), so a request's events fail when their transaction writes them.
 */
export async function refuseAlertsOf(
  ctx: AppContext,
  dialect: DialectName,
  serviceId: number,
): Promise<void> {
  const db = ctx.store.db;
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER refuse_alerts BEFORE INSERT ON alerts WHEN NEW.service_id = ${sql.lit(serviceId)}
      BEGIN SELECT RAISE(ABORT, 'alert refused by the database'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION refuse_alert() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'alert refused by the database'; END $$`.execute(db);
  await sql`CREATE TRIGGER refuse_alerts BEFORE INSERT ON alerts FOR EACH ROW
    WHEN (NEW.service_id = ${sql.lit(serviceId)}) EXECUTE FUNCTION refuse_alert()`.execute(db);
}

/**
 * Assert that no stored alert or alert event holds a control character or lone surrogate
 * (JSON columns read as JSON); returns what is stored, as JSON text.
 */
export async function expectOnlyCleanText(api: ApiHarness): Promise<string> {
  const db = api.db.ctx.store.db;
  const rows = [
    ...(await db.selectFrom('alerts').selectAll().execute()),
    ...(await db.selectFrom('alert_events').selectAll().execute()),
  ];
  expect(rows.length).toBeGreaterThan(0);
  const stored = rows.map((row) =>
    Object.values(row).map((v: unknown) =>
      typeof v === 'string' && /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v,
    ),
  );
  expect(findUncleanText(stored)).toBeNull();
  return JSON.stringify(stored);
}
