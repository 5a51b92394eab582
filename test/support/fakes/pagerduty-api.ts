/**
 * A PagerDuty REST API v2 on loopback, serving a fixture account as the real one would: it
 * wants `Authorization: Token token=…` and the v2 `Accept` header, refuses query parameters
 * the endpoint does not document, pages lists by `limit`/`offset`/`more`, answers the first
 * request with 429 and `Retry-After` once, and renders final schedules for `since`/`until`.
 */
import type http from 'node:http';
import { type Reply, startJsonApiServer } from './json-api-server.js';
import type { PdAccount } from './pagerduty-fixtures.js';
import { renderFinalSchedule } from './pagerduty-render.js';

const PAGE = ['limit', 'offset', 'total'];
/** The query parameters each endpoint documents (PagerDuty/api-schema, reference/REST). */
const PARAMETERS: Array<[RegExp, string[]]> = [
  [/^\/users$/, [...PAGE, 'query', 'team_ids[]', 'include[]']],
  [/^\/teams$/, [...PAGE, 'query']],
  [/^\/teams\/[^/]+\/members$/, [...PAGE, 'include[]']],
  [
    /^\/schedules$/,
    [
      ...PAGE,
      'query',
      'include[]',
      'time_zone',
      'include_next_oncall_for_user',
      'since',
      'until',
      'team_ids[]',
    ],
  ],
  [/^\/schedules\/[^/]+$/, ['time_zone', 'since', 'until', 'overflow', 'include_next_oncall_for_user']],
  [/^\/schedules\/[^/]+\/overrides$/, ['since', 'until', 'editable', 'overflow']],
  [/^\/escalation_policies$/, [...PAGE, 'query', 'user_ids[]', 'team_ids[]', 'include[]', 'sort_by']],
  [/^\/services$/, [...PAGE, 'query', 'team_ids[]', 'time_zone', 'sort_by', 'include[]', 'name']],
  [/^\/maintenance_windows$/, [...PAGE, 'query', 'team_ids[]', 'service_ids[]', 'include[]', 'filter']],
];

/** A running fake and what it saw. */
export interface FakePagerDuty {
  url: string;
  token: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** How many 429s it answered. */
  rateLimited: number;
  close(): Promise<void>;
}

function problem(status: number, message: string, errors: string[] = []): Reply {
  return { status, body: { error: { message, code: status === 401 ? 2006 : 2001, errors } } };
}

function paged(url: URL, key: string, items: readonly unknown[]): Reply {
  const limit = Number(url.searchParams.get('limit') ?? 25);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
    return problem(400, 'Invalid Input Provided', ['limit must be 1–100 and offset ≥ 0']);
  }
  const page = items.slice(offset, offset + limit);
  return {
    status: 200,
    body: { [key]: page, limit, offset, more: offset + page.length < items.length, total: null },
  };
}

function route(account: PdAccount, url: URL, now: number): Reply {
  const path = url.pathname;
  const parts = path.split('/').map(decodeURIComponent);
  if (path === '/users') return paged(url, 'users', account.users);
  if (path === '/teams') return paged(url, 'teams', account.teams);
  if (parts[1] === 'teams' && parts[3] === 'members')
    return paged(url, 'members', account.members[parts[2] ?? ''] ?? []);
  if (path === '/schedules')
    return paged(
      url,
      'schedules',
      account.schedules.map(({ schedule_layers: _, ...rest }) => rest),
    );
  if (parts[1] === 'schedules' && parts.length === 3) {
    const schedule = account.schedules.find((s) => s.id === parts[2]);
    if (!schedule) return problem(404, 'Not Found');
    const since = Date.parse(url.searchParams.get('since') ?? new Date(now).toISOString());
    const until = Date.parse(url.searchParams.get('until') ?? new Date(now + 7 * 86_400_000).toISOString());
    const entries = renderFinalSchedule(schedule, account.overrides[schedule.id] ?? [], since, until);
    return {
      status: 200,
      body: {
        schedule: {
          ...schedule,
          final_schedule: { name: 'Final Schedule', rendered_schedule_entries: entries },
        },
      },
    };
  }
  if (parts[1] === 'schedules' && parts[3] === 'overrides') {
    const since = Date.parse(url.searchParams.get('since') ?? '');
    const until = Date.parse(url.searchParams.get('until') ?? '');
    if (!Number.isFinite(since) || !Number.isFinite(until))
      return problem(400, 'Invalid Input Provided', ['since and until are required']);
    const overrides = (account.overrides[parts[2] ?? ''] ?? []).filter(
      (o) => Date.parse(o.end) > since && Date.parse(o.start) < until,
    );
    return { status: 200, body: { overrides } };
  }
  if (path === '/escalation_policies') return paged(url, 'escalation_policies', account.escalationPolicies);
  if (path === '/services') {
    const withIntegrations = url.searchParams.getAll('include[]').includes('integrations');
    const services = account.services.map((s) => ({
      ...s,
      integrations: (s.integrations ?? []).map((i) =>
        withIntegrations ? i : { id: i.id, type: `${i.type}_reference`, summary: i.name },
      ),
    }));
    return paged(url, 'services', services);
  }
  if (path === '/maintenance_windows') {
    const filter = url.searchParams.get('filter') ?? 'all';
    const open = account.maintenanceWindows.filter((w) => filter !== 'open' || Date.parse(w.end_time) > now);
    return paged(url, 'maintenance_windows', open);
  }
  return problem(404, 'Not Found');
}

/** Start the fake on loopback, serving `account` with `token`; `now` is the clock it renders by. */
export async function startFakePagerDuty(
  account: PdAccount,
  now: () => number,
  token = 'pd-test-token',
): Promise<FakePagerDuty> {
  const fake = { rateLimited: 0 };
  const server = await startJsonApiServer((request, url) => answer(account, request, url, now(), fake));
  return {
    url: server.url,
    token,
    requests: server.requests,
    get rateLimited() {
      return fake.rateLimited;
    },
    close: () => server.close(),
  };

  function answer(
    account: PdAccount,
    request: http.IncomingMessage,
    url: URL,
    at: number,
    seen: { rateLimited: number },
  ): Reply {
    if (request.method !== 'GET') return problem(405, 'Method Not Allowed');
    if (request.headers.authorization !== `Token token=${token}`) return problem(401, 'Unauthorized');
    if (request.headers.accept !== 'application/vnd.pagerduty+json;version=2') {
      return problem(406, 'Not Acceptable', ['Accept must be application/vnd.pagerduty+json;version=2']);
    }
    const allowed = PARAMETERS.find(([pattern]) => pattern.test(url.pathname))?.[1];
    if (!allowed) return problem(404, 'Not Found');
    const unknown = [...url.searchParams.keys()].filter((key) => !allowed.includes(key));
    if (unknown.length > 0)
      return problem(
        400,
        'Invalid Input Provided',
        unknown.map((key) => `Unknown parameter ${key}`),
      );
    if (seen.rateLimited === 0) {
      seen.rateLimited++;
      return {
        ...problem(429, 'Rate Limit Exceeded'),
        headers: { 'retry-after': '1', 'ratelimit-reset': '1' },
      };
    }
    return route(account, url, at);
  }
}
