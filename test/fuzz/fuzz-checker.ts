import fc from 'fast-check';
import { changedTables, type Snapshot } from './database-snapshot.js';
import { type ErrorShape, errorShapeFaults } from './error-shapes.js';
import type { FuzzRequest } from './fuzz-request.js';
import type { FuzzServer } from './fuzz-server.js';
import type { RawReply } from './raw-http.js';

/** One thing the suite fuzzes: an API operation or an inbound route, with what its answers must look like. */
export interface FuzzTarget {
  name: string;
  requests: fc.Arbitrary<FuzzRequest>;
  /** The documented shape of its error replies (by request, for a target that spans formats). */
  shape: ErrorShape | ((request: FuzzRequest, reply: RawReply) => ErrorShape | ErrorShape[]);
  /** Whether a refused request may still have stored part of itself (Alertmanager keeps a batch's valid alerts). */
  mayKeepPartOf?: (request: FuzzRequest) => boolean;
  /** Well-formed requests only, for properties about races rather than input (optional). */
  plainRequests?: fc.Arbitrary<FuzzRequest>;
  /** Further rules of this target, e.g. that a malformed id is never taken for another one. */
  faultsOf?: (request: FuzzRequest, reply: RawReply) => string[];
}

/** The first characters of a reply body, for a failure message. */
function excerpt(body: string): string {
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}

/** Sends generated requests to one server and says what is wrong with each answer. */
/** Tables a refused sign-in writes by design: failures counted, challenges spent. */
const SIGN_IN_BOOKKEEPING = new Set(['sign_in_throttles', 'sign_in_challenges']);
/** Tables a successful read may write: the audit log (revealing a webhook secret is audited). */
const AUDITED_READS = new Set(['audit_log']);

export class FuzzChecker {
  /** Requests sent so far. */
  requestCount = 0;
  /** The database as it is now, while no request has changed it since it was taken. */
  private current: Snapshot | undefined;

  constructor(readonly server: FuzzServer) {}

  /** Send `request` and return the faults of its answer: 5xx, an undocumented error shape, a refusal that changed data. */
  async check(target: FuzzTarget, request: FuzzRequest): Promise<string[]> {
    const before = this.current ?? (await this.server.snapshot());
    this.current = undefined;
    const reply = await this.server.send(request);
    this.requestCount += 1;
    const faults = replyFaults(target, request, reply);
    const isRefused = reply.status >= 400 || reply.status === 0;
    if (isRefused || request.method === 'GET') {
      const after = await this.server.snapshot();
      // A successful read may leave an audit line (revealing a webhook secret is audited), and a
      // refused sign-in is counted by the throttle (and a wrong second-step code by its challenge).
      const mayWrite = isRefused ? SIGN_IN_BOOKKEEPING : AUDITED_READS;
      const changed = changedTables(before, after).filter((t) => !mayWrite.has(t));
      const mayChange = isRefused && target.mayKeepPartOf?.(request) === true;
      if (changed.length > 0 && !mayChange)
        faults.push(`${isRefused ? 'refused' : 'read'}, yet it changed ${changed.join(', ')}`);
      this.current = after;
    }
    return faults.length === 0 ? [] : [`${reply.status}: ${faults.join('; ')}; reply ${excerpt(reply.body)}`];
  }

  /**
   * The property "a request sent together with others is answered as it is alone": inbound
   * requests that arrive at once share one group commit, and one bad event must not fail the
   * others. A request answered 5xx in the batch is sent again alone; only when it then succeeds
   * is it this property's failure (a request that fails alone too is its own target's).
   */
  batchPropertyOf(targets: FuzzTarget[], maxShrinks = 200): fc.IAsyncProperty<[FuzzRequest[]]> {
    return fc.asyncProperty(batchesOf(targets, maxShrinks), async (batch) => {
      const replies = await Promise.all(batch.map((request) => this.server.send(request)));
      this.requestCount += batch.length;
      this.current = undefined;
      const faults: string[] = [];
      for (const [i, request] of batch.entries()) {
        const status = replies[i]?.status ?? 0;
        if (status < 500) continue;
        const alone = await this.server.send(request);
        this.requestCount += 1;
        if (alone.status < 500)
          faults.push(`request ${i + 1} answered ${status} in the batch, ${alone.status} alone`);
      }
      if (faults.length > 0)
        throw new Error(`answers ${replies.map((r) => r.status).join(', ')}\n${faults.join('\n')}`);
    });
  }

  /**
   * The property "a write sent twice at once is answered as documented both times": two equal
   * creates race, and a uniqueness rule checked before the insert must still answer 409, not 500.
   */
  twinPropertyOf(targets: FuzzTarget[], maxShrinks = 200): fc.IAsyncProperty<[[number, FuzzRequest]]> {
    const pairs = fc.oneof(
      ...targets.map((t, i) =>
        (t.plainRequests ?? t.requests).map((request) => [i, request] as [number, FuzzRequest]),
      ),
    );
    return fc.asyncProperty(fc.limitShrink(pairs, maxShrinks), async ([index, request]) => {
      const target = targets[index];
      if (!target) return;
      const replies = await Promise.all([this.server.send(request), this.server.send(request)]);
      this.requestCount += 2;
      this.current = undefined;
      const faults = replies.flatMap((reply) =>
        replyFaults(target, request, reply).map((f) => `${reply.status}: ${f}`),
      );
      if (faults.length > 0)
        throw new Error(
          `${target.name} twice at once: answers ${replies.map((r) => r.status).join(', ')}\n${faults.join('\n')}`,
        );
    });
  }

  /** The property "every request to `target` is answered as documented". */
  propertyOf(target: FuzzTarget): fc.IAsyncProperty<[FuzzRequest]> {
    return fc.asyncProperty(target.requests, async (request) => {
      const faults = await this.check(target, request);
      if (faults.length > 0) throw new Error(`${target.name}: ${faults.join('\n')}`);
    });
  }
}

/** Batches of two to eight requests to `targets`, shrinking at most `maxShrinks` times. */
function batchesOf(targets: FuzzTarget[], maxShrinks: number): fc.Arbitrary<FuzzRequest[]> {
  const one = fc.oneof(...targets.map((t) => t.requests));
  return fc.limitShrink(fc.array(one, { minLength: 2, maxLength: 8 }), maxShrinks);
}

/** What is wrong with one answer, without looking at the database. */
export function replyFaults(target: FuzzTarget, request: FuzzRequest, reply: RawReply): string[] {
  const faults: string[] = [];
  if (reply.status === 0) faults.push('no HTTP answer');
  if (reply.status >= 500) faults.push('a server error');
  if (reply.status >= 400) {
    const shape = typeof target.shape === 'function' ? target.shape(request, reply) : target.shape;
    const shapeFaults = [shape].flat().map((one) => errorShapeFaults(one, reply));
    if (shapeFaults.every((f) => f.length > 0))
      faults.push(...(shapeFaults[0] ?? []).map((f) => `error not in the documented shape (${f})`));
  }
  faults.push(...(target.faultsOf?.(request, reply) ?? []));
  return faults;
}
