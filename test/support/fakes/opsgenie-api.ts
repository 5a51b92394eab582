/**
 * Opsgenie's REST API v2 on loopback, serving a fixture account as the real one would: it wants
 * `Authorization: GenieKey <key>`, refuses query parameters the endpoint does not document,
 * pages users and services by `offset`/`limit` with `paging.next`, answers the first request
 * with 429, `Retry-After` and `X-RateLimit-*` once, and renders schedule timelines.
 */
import type http from 'node:http';
import { type Reply, startJsonApiServer } from './json-api-server.js';
import type { OgAccount } from './opsgenie-fixtures.js';
import { renderTimeline } from './opsgenie-timeline.js';

const PAGE = ['limit', 'offset', 'sort', 'order', 'query'];
/** The query parameters each endpoint documents (docs.opsgenie.com, REST API). */
const PARAMETERS: Array<[RegExp, string[]]> = [
  [/^\/v2\/users$/, [...PAGE, 'expand']],
  [/^\/v2\/teams$/, ['expand']],
  [/^\/v2\/teams\/[^/]+$/, ['identifierType', 'expand']],
  [/^\/v2\/schedules$/, ['expand']],
  [/^\/v2\/schedules\/[^/]+\/overrides$/, ['scheduleIdentifierType']],
  [/^\/v2\/schedules\/[^/]+\/timeline$/, ['identifierType', 'expand', 'interval', 'intervalUnit', 'date']],
  [/^\/v2\/escalations$/, []],
  [/^\/v2\/services$/, PAGE],
  [/^\/v2\/integrations$/, ['type', 'teamId', 'teamName']],
  [/^\/v2\/integrations\/[^/]+$/, []],
  [/^\/v2\/maintenance$/, ['type']],
  [/^\/v2\/maintenance\/[^/]+$/, []],
];
const WEEK_MS = 7 * 86_400_000;

/** A running fake and what it saw. */
export interface FakeOpsgenie {
  url: string;
  apiKey: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** How many 429s it answered. */
  rateLimited: number;
  close(): Promise<void>;
}

const ok = (data: unknown, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { data, ...extra, took: 0.01, requestId: 'fake-request' },
});
const failure = (status: number, message: string, errors?: Record<string, string>): Reply => ({
  status,
  body: { message, ...(errors ? { errors } : {}), took: 0.01, requestId: 'fake-request' },
});

function paged(url: URL, items: readonly unknown[]): Reply {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
    return failure(422, 'Request parameters are invalid', { limit: 'must be 1–100', offset: 'must be ≥ 0' });
  }
  const link = (at: number) => {
    const next = new URL(url);
    next.searchParams.set('offset', String(at));
    return next.toString();
  };
  const last = Math.max(0, Math.floor((items.length - 1) / limit) * limit);
  return ok(items.slice(offset, offset + limit), {
    totalCount: items.length,
    paging: {
      ...(offset + limit < items.length ? { next: link(offset + limit) } : {}),
      first: link(0),
      last: link(last),
    },
  });
}

function route(account: OgAccount, url: URL, now: number): Reply {
  const parts = url.pathname.split('/').map(decodeURIComponent).slice(2);
  const [resource, key, sub] = parts;
  switch (resource ?? '') {
    case 'users':
      return paged(url, account.users);
    case 'teams': {
      if (key === undefined) return ok(account.teams.map(({ members: _, ...team }) => team));
      const team = account.teams.find((t) => t.id === key);
      return team ? ok(team) : failure(404, 'No team exists with id');
    }
    case 'schedules': {
      if (key === undefined) {
        const withRotations = url.searchParams.get('expand') === 'rotation';
        return ok(account.schedules.map(({ rotations, ...s }) => (withRotations ? { ...s, rotations } : s)));
      }
      const schedule = account.schedules.find((s) => s.id === key);
      if (!schedule) return failure(404, 'No schedule exists with identifier');
      const overrides = account.overrides[schedule.id] ?? [];
      if (sub === 'overrides') return ok(overrides);
      const date = url.searchParams.get('date');
      const from = date === null ? now : Date.parse(date);
      const interval = Number(url.searchParams.get('interval') ?? 1);
      if (!Number.isFinite(from) || url.searchParams.get('intervalUnit') !== 'weeks') {
        return failure(422, 'Request parameters are invalid', { date: 'a date', intervalUnit: 'weeks here' });
      }
      return ok(renderTimeline(schedule, overrides, from, from + interval * WEEK_MS));
    }
    case 'escalations':
      return ok(account.escalations);
    case 'services':
      return paged(url, account.services);
    case 'integrations': {
      if (key === undefined) {
        return ok(
          account.integrations.map(({ apiKey: _k, emailAddress: _e, ownerTeam, ...i }) => ({
            ...i,
            ...(ownerTeam ? { teamId: ownerTeam.id } : {}),
          })),
        );
      }
      const integration = account.integrations.find((i) => i.id === key);
      return integration ? ok(integration) : failure(404, 'Integration with id does not exist');
    }
    case 'maintenance': {
      if (key !== undefined) {
        const found = account.maintenance.find((m) => m.id === key);
        return found ? ok(found) : failure(404, 'Maintenance not found');
      }
      const type = url.searchParams.get('type') ?? 'all';
      const open = account.maintenance.filter(
        (m) => type !== 'non-expired' || Date.parse(m.time.endDate ?? '9999') > now,
      );
      return ok(open.map(({ rules: _, ...m }) => m));
    }
    default:
      return failure(404, 'Not found');
  }
}

/** Start the fake on loopback, serving `account` with `apiKey`; `now` is the clock it renders by. */
export async function startFakeOpsgenie(
  account: OgAccount,
  now: () => number,
  apiKey = 'og-test-key',
): Promise<FakeOpsgenie> {
  const fake = { rateLimited: 0 };
  const server = await startJsonApiServer(answer);
  return {
    url: server.url,
    apiKey,
    requests: server.requests,
    get rateLimited() {
      return fake.rateLimited;
    },
    close: () => server.close(),
  };

  function answer(request: http.IncomingMessage, url: URL): Reply {
    if (request.method !== 'GET') return failure(405, 'Method not allowed');
    if (request.headers.authorization !== `GenieKey ${apiKey}`) return failure(401, 'Could not authenticate');
    const allowed = PARAMETERS.find(([pattern]) => pattern.test(url.pathname))?.[1];
    if (!allowed) return failure(404, 'Not found');
    const unknown = [...url.searchParams.keys()].filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      return failure(
        422,
        'Request parameters are invalid',
        Object.fromEntries(unknown.map((key) => [key, 'is not a parameter of this request'])),
      );
    }
    if (fake.rateLimited === 0) {
      fake.rateLimited++;
      return {
        ...failure(429, 'You are making too many requests! To avoid this error, make fewer requests.'),
        headers: {
          'retry-after': '1',
          'x-ratelimit-state': 'THROTTLED',
          'x-ratelimit-reason': 'INTEGRATION',
          'x-ratelimit-period-in-sec': '60',
        },
      };
    }
    return route(account, url, now());
  }
}
