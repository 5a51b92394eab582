import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../../src/core/roles.js';
import type { Service, Team } from '../../../../src/core/schemas/catalog.js';
import type { Incident } from '../../../../src/core/schemas/incident.js';
import type { TimelineEntry } from '../../../../src/core/schemas/timeline.js';
import type { ApiHarness } from '../api-harness.js';
import { Problem } from '../../../../src/server/http/problem.js';

// Small factories and assertions shared by the HTTP API tests (test-only module).

/** Assert a reply's status (showing its body on failure) and return the parsed JSON body. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body they expect
export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

/** Assert an RFC 9457 problem+json reply with `status`, naming `field` when given. */
export function expectProblem(res: LightMyRequestResponse, status: number, field?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(res.json());
  expect(problem.status).toBe(status);
  if (field !== undefined) expect(problem.errors?.map((e) => e.field)).toContain(field);
  return problem;
}

/** Declare an incident (as a responder unless told) and return it. */
export async function declare(
  api: ApiHarness,
  body: Record<string, unknown> = {},
  as: Role = 'responder',
): Promise<Incident> {
  const res = await api.call('POST', '/api/v1/incidents', {
    as,
    body: { title: 'Checkout is failing', ...body },
  });
  return ok<Incident>(res, 201);
}

/** Read one incident. */
export async function readIncident(api: ApiHarness, ref: string | number): Promise<Incident> {
  return ok<Incident>(await api.call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' }));
}

/** Read an incident's timeline. */
export async function readTimeline(api: ApiHarness, ref: string | number): Promise<TimelineEntry[]> {
  return ok<{ items: TimelineEntry[] }>(
    await api.call('GET', `/api/v1/incidents/${ref}/timeline`, { as: 'viewer' }),
  ).items;
}

/** An incident together with its timeline: compare before and after a rejected write. */
export async function snapshot(api: ApiHarness, ref: string | number) {
  return { incident: await readIncident(api, ref), timeline: await readTimeline(api, ref) };
}

/** Run an action on an incident (acknowledge, resolve, …) and return the reply. */
export function act(
  api: ApiHarness,
  ref: string,
  action: string,
  body: Record<string, unknown> = {},
  as: Role = 'responder',
) {
  return api.call('POST', `/api/v1/incidents/${ref}/${action}`, { as, body });
}

/** Create a service (as a responder) and return it. */
export async function createService(
  api: ApiHarness,
  name: string,
  body: Record<string, unknown> = {},
): Promise<Service> {
  return ok<Service>(
    await api.call('POST', '/api/v1/services', { as: 'responder', body: { name, ...body } }),
    201,
  );
}

/** Create a team (as a responder) and return it. */
export async function createTeam(api: ApiHarness, name: string): Promise<Team> {
  return ok<Team>(await api.call('POST', '/api/v1/teams', { as: 'responder', body: { name } }), 201);
}
