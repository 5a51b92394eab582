/**
 * Grafana OnCall's public REST API v1 on loopback, serving a fixture organisation as the real
 * one would: it wants the raw token in `Authorization` (no scheme), refuses query parameters an
 * endpoint does not document, pages every list (`{count, next, previous, results, page_size,
 * current_page_number, total_pages}`), answers the first request with 429 and `Retry-After`
 * once, and computes each schedule's `final_shifts`.
 */
import type http from 'node:http';
import { finalShifts } from './grafana-oncall-final-shifts.js';
import type { GoAccount } from './grafana-oncall-fixtures.js';
import { type Reply, startJsonApiServer } from './json-api-server.js';

/** The filters each list documents, besides `page` (OnCall API reference). */
const LISTS: Record<string, { filters: string[]; items: (account: GoAccount) => unknown[] }> = {
  users: { filters: ['username', 'email'], items: (a) => a.users },
  teams: { filters: ['name'], items: (a) => a.teams },
  schedules: { filters: ['name'], items: (a) => a.schedules },
  on_call_shifts: { filters: ['name', 'schedule_id'], items: (a) => a.shifts },
  escalation_chains: { filters: ['name'], items: (a) => a.chains },
  escalation_policies: { filters: ['escalation_chain_id'], items: (a) => a.policies },
  integrations: { filters: ['name'], items: (a) => a.integrations },
};
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A running fake and what it saw. */
export interface FakeGrafanaOnCall {
  /** The API root, as `--api-url` takes it. */
  url: string;
  token: string;
  requests: string[];
  rateLimited: number;
  close(): Promise<void>;
}

const failure = (status: number, body: unknown): Reply => ({ status, body });

function page(url: URL, items: readonly unknown[], pageSize: number): Reply {
  const number = Number(url.searchParams.get('page') ?? 1);
  const total = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(number) || number < 1 || number > total)
    return failure(404, { detail: 'Invalid page.' });
  const link = (n: number) => {
    const other = new URL(url);
    if (n === 1) other.searchParams.delete('page');
    else other.searchParams.set('page', String(n));
    return other.toString();
  };
  return {
    status: 200,
    body: {
      count: items.length,
      next: number < total ? link(number + 1) : null,
      previous: number > 1 ? link(number - 1) : null,
      results: items.slice((number - 1) * pageSize, number * pageSize),
      page_size: pageSize,
      current_page_number: number,
      total_pages: total,
    },
  };
}

function finalShiftsReply(account: GoAccount, scheduleId: string, url: URL): Reply {
  const schedule = account.schedules.find((s) => s.id === scheduleId);
  if (!schedule) return failure(404, { detail: 'Not found.' });
  const [start, end] = ['start_date', 'end_date'].map((key) => url.searchParams.get(key) ?? '');
  const missing = Object.entries({ start_date: start, end_date: end }).filter(
    ([, v]) => !DATE_RE.test(v ?? ''),
  );
  if (missing.length > 0) {
    return failure(400, Object.fromEntries(missing.map(([key]) => [key, ['This field is required.']])));
  }
  const from = Date.parse(`${start ?? ''}T00:00:00Z`);
  const to = Date.parse(`${end ?? ''}T00:00:00Z`);
  const own = account.shifts.filter(
    (s) => (schedule.shifts ?? []).includes(s.id) || s.schedule === schedule.id,
  );
  const results = schedule.type === 'ical' ? [] : finalShifts(schedule, own, account.users, from, to);
  // OnCall answers all final shifts at once, in the shape of a page.
  return {
    status: 200,
    body: {
      count: results.length,
      next: null,
      previous: null,
      results,
      page_size: results.length,
      current_page_number: 1,
      total_pages: 1,
    },
  };
}

/** Start the fake on loopback serving `account`; lists are cut into pages of `pageSize`. */
export async function startFakeGrafanaOnCall(
  account: GoAccount,
  options: { token?: string; pageSize?: number } = {},
): Promise<FakeGrafanaOnCall> {
  const token = options.token ?? 'go-test-token';
  const state = { rateLimited: 0 };
  const server = await startJsonApiServer(answer);
  return {
    url: `${server.url}/oncall`,
    token,
    requests: server.requests,
    get rateLimited() {
      return state.rateLimited;
    },
    close: () => server.close(),
  };

  function answer(request: http.IncomingMessage, url: URL): Reply {
    if (request.method !== 'GET')
      return failure(405, { detail: `Method "${request.method ?? ''}" not allowed.` });
    if (request.headers.authorization !== token) return failure(401, { detail: 'Invalid token.' });
    const match = /^\/oncall\/api\/v1\/([a-z_]+)\/(?:([^/]+)\/(final_shifts)\/?)?$/.exec(url.pathname);
    const list = match?.[1] === undefined ? undefined : LISTS[match[1]];
    if (!match || !list || (match[3] !== undefined && match[1] !== 'schedules')) {
      return failure(404, { detail: 'Not found.' });
    }
    const allowed = match[3] === undefined ? ['page', ...list.filters] : ['start_date', 'end_date'];
    const unknown = [...url.searchParams.keys()].filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      return failure(400, Object.fromEntries(unknown.map((key) => [key, ['Unknown query parameter.']])));
    }
    if (state.rateLimited === 0) {
      state.rateLimited++;
      return {
        ...failure(429, { detail: 'Request was throttled. Expected available in 1 second.' }),
        headers: { 'retry-after': '1' },
      };
    }
    if (match[3] !== undefined) return finalShiftsReply(account, decodeURIComponent(match[2] ?? ''), url);
    return page(url, list.items(account), options.pageSize ?? 2);
  }
}
