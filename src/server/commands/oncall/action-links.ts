import { createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../../../core/schemas/timeline.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import {
  findOutbox,
  isActionTokenUsed,
  pruneUsedActionTokens,
  serverSecret,
  useActionToken,
} from '../../store/queries/notifications.js';
import { findUserById } from '../../store/queries/users.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor, Store } from '../../store/store.js';
import { transitionIncident } from '../change-incident-status.js';
import type { AppContext } from '../context.js';
import { safeEqual } from '../secrets.js';

/** What a one-click link in a notification does. */
export type LinkAction = 'ack' | 'resolve';

/** What a link does: one incident's action, or `ackAll`, every incident of one message. */
type TokenAction = LinkAction | 'ackAll';

const ACTION_LETTER: Record<TokenAction, string> = { ack: 'a', resolve: 'r', ackAll: 'A' };

/** How long a one-click link works after it was sent. */
export const ACTION_LINK_TTL_MS = 24 * 3_600_000;

/** The signed content of a one-click link. */
interface ActionClaims {
  /** Token id: a link works once. */
  n: string;
  /** The incident id, or for `ackAll` the outbox message id. */
  i: number;
  a: TokenAction;
  u: number | null;
  e: number;
}

/** What a link would do (the confirmation page) or did (after the POST). */
export type LinkOutcome =
  | { kind: 'invalid' | 'expired' | 'used' }
  | { kind: 'ready' | 'done' | 'noop'; action: LinkAction; incident: IncidentRecord; message: string }
  | { kind: 'ready' | 'done' | 'noop'; action: 'ackAll'; incidents: IncidentRecord[]; message: string };

const secrets = new WeakMap<Store, Promise<string>>();

/** The HMAC key of links and webhooks: BEACON_SECRET, else one generated once and kept in the database. */
export function serverSigningSecret(ctx: AppContext, configured?: string): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let secret = secrets.get(ctx.store);
  if (!secret) {
    secret = serverSecret(ctx.store.db, 'signing', () => randomBytes(32).toString('base64url'));
    secrets.set(ctx.store, secret);
  }
  return secret;
}

/**
 * A signed, single-use token for acknowledging or resolving one incident, valid for 24 hours.
 * Compact (`<incident>.<a|r>.<user>.<expiry s>.<id>.<mac>`, ~60 characters) so it fits a path segment.
 */
export function signActionLink(
  secret: string,
  link: { incidentId: number; action: LinkAction; userId: number | null; now: number },
): string {
  return signToken(secret, {
    target: link.incidentId,
    action: link.action,
    userId: link.userId,
    now: link.now,
  });
}

/**
 * A signed, single-use token acknowledging every incident of one sent message (a bundle's
 * "Acknowledge all"), valid for 24 hours; it names the outbox message, not the incidents.
 */
export function signAckAllLink(
  secret: string,
  link: { notificationId: number; userId: number | null; now: number },
): string {
  return signToken(secret, {
    target: link.notificationId,
    action: 'ackAll',
    userId: link.userId,
    now: link.now,
  });
}

function signToken(
  secret: string,
  link: { target: number; action: TokenAction; userId: number | null; now: number },
): string {
  const expires = Math.floor((link.now + ACTION_LINK_TTL_MS) / 1000);
  const id = randomBytes(9).toString('base64url');
  const body = `${link.target}.${ACTION_LETTER[link.action]}.${link.userId ?? 0}.${expires}.${id}`;
  return `${body}.${mac(secret, body)}`;
}

/** What a link would do now, without doing it (GET: mail scanners may fetch links). */
export async function previewActionLink(
  ctx: AppContext,
  secret: string,
  token: string,
): Promise<LinkOutcome> {
  const claims = verify(secret, token);
  if (!claims) return { kind: 'invalid' };
  if (ctx.clock.now() > claims.e) return { kind: 'expired' };
  if (await isActionTokenUsed(ctx.store.db, claims.n)) return { kind: 'used' };
  if (claims.a === 'ackAll') return previewAckAll(ctx.store.db, claims.i);
  const incident = await findIncidentById(ctx.store.db, claims.i);
  if (!incident) return { kind: 'invalid' };
  const noop = alreadyDone(incident, claims.a);
  return noop
    ? { kind: 'noop', action: claims.a, incident, message: noop }
    : { kind: 'ready', action: claims.a, incident, message: '' };
}

/** Forget the ids of used links that have expired since; returns how many. */
export function forgetExpiredActionLinks(ctx: AppContext): Promise<number> {
  return pruneUsedActionTokens(ctx.store.db, ctx.clock.now());
}

/** Do what a link says (POST), once: acknowledging stops the escalation in the same transaction. */
export async function applyActionLink(ctx: AppContext, secret: string, token: string): Promise<LinkOutcome> {
  const claims = verify(secret, token);
  if (!claims) return { kind: 'invalid' };
  const now = ctx.clock.now();
  if (now > claims.e) return { kind: 'expired' };
  const outcome = await ctx.store.transaction(async (tx): Promise<LinkOutcome> => {
    if (!(await useActionToken(tx, { id: claims.n, now, expiresAt: claims.e }))) return { kind: 'used' };
    const user = claims.u === null ? undefined : await findUserById(tx, claims.u);
    const actor: Actor = user
      ? { type: 'user', id: user.id, name: user.name }
      : { type: 'system', id: null, name: 'Notification link' };
    if (claims.a === 'ackAll') return applyAckAll(tx, claims.i, actor, now);
    const incident = await findIncidentById(tx, claims.i);
    if (!incident) return { kind: 'invalid' };
    const noop = alreadyDone(incident, claims.a);
    if (noop) return { kind: 'noop', action: claims.a, incident, message: noop };
    const updated = await transitionIncident(
      tx,
      incident,
      claims.a === 'ack'
        ? { status: 'investigating', message: 'Acknowledged from a notification' }
        : {
            status: 'resolved',
            message: 'Resolved from a notification',
            resolutionSummary: incident.resolution_summary ?? 'Resolved from a notification link.',
          },
      actor,
      now,
    );
    const message = claims.a === 'ack' ? 'Acknowledged: escalation stopped.' : 'Resolved.';
    return { kind: 'done', action: claims.a, incident: updated, message };
  });
  if (outcome.kind === 'done') ctx.onIncidentsChanged();
  return outcome;
}

/** The incidents an "Acknowledge all" link would acknowledge: those of its message still open to it. */
async function previewAckAll(db: Executor, notificationId: number): Promise<LinkOutcome> {
  const incidents = await incidentsOfMessage(db, notificationId);
  if (!incidents) return { kind: 'invalid' };
  const open = incidents.filter((incident) => !alreadyDone(incident, 'ack'));
  return open.length === 0
    ? { kind: 'noop', action: 'ackAll', incidents, message: 'Every incident here is already acknowledged.' }
    : { kind: 'ready', action: 'ackAll', incidents: open, message: '' };
}

/** Acknowledge every incident of one message that still waits for it, in one transaction. */
async function applyAckAll(
  tx: Executor,
  notificationId: number,
  actor: Actor,
  now: number,
): Promise<LinkOutcome> {
  const incidents = await incidentsOfMessage(tx, notificationId);
  if (!incidents) return { kind: 'invalid' };
  const acknowledged: IncidentRecord[] = [];
  for (const incident of incidents) {
    if (alreadyDone(incident, 'ack')) continue;
    acknowledged.push(
      await transitionIncident(
        tx,
        incident,
        { status: 'investigating', message: 'Acknowledged from a notification (acknowledge all)' },
        actor,
        now,
      ),
    );
  }
  if (acknowledged.length === 0) {
    return {
      kind: 'noop',
      action: 'ackAll',
      incidents,
      message: 'Every incident here is already acknowledged.',
    };
  }
  const count = acknowledged.length;
  return {
    kind: 'done',
    action: 'ackAll',
    incidents: acknowledged,
    message: `Acknowledged ${count} ${count === 1 ? 'incident' : 'incidents'}: escalation stopped.`,
  };
}

/** The incidents a page message told about, in its order; undefined when there is no such page. */
async function incidentsOfMessage(
  db: Executor,
  notificationId: number,
): Promise<IncidentRecord[] | undefined> {
  const row = await findOutbox(db, notificationId);
  if (row?.kind !== 'page') return undefined;
  const incidents: IncidentRecord[] = [];
  for (const item of row.payload.items) {
    const incident = await findIncidentById(db, item.incidentId);
    if (incident && !incidents.some((known) => known.id === incident.id)) incidents.push(incident);
  }
  return incidents;
}

function alreadyDone(incident: IncidentRecord, action: LinkAction): string | undefined {
  const status = incident.status;
  if (action === 'ack' && status !== 'triggered' && status !== 'triage') {
    return `INC-${incident.number} is already ${status}; nothing to acknowledge.`;
  }
  if (action === 'resolve' && ['resolved', 'closed', 'declined', 'merged'].includes(status)) {
    return `INC-${incident.number} is already ${status}.`;
  }
  return undefined;
}

function mac(secret: string, body: string): string {
  // 128 bits of HMAC-SHA256 keep the link short and are far beyond guessing.
  return createHmac('sha256', secret)
    .update(`beacon-action.${body}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

function verify(secret: string, token: string): ActionClaims | undefined {
  const match = /^(\d{1,12})\.([arA])\.(\d{1,12})\.(\d{1,12})\.([\w-]{12})\.([\w-]{22})$/.exec(token);
  if (!match) return undefined;
  const [, incident, action, user, expires, id, signature] = match;
  const body = token.slice(0, token.lastIndexOf('.'));
  if (!signature || !id || !safeEqual(signature, mac(secret, body))) return undefined;
  return {
    n: id,
    i: Number(incident),
    a: action === 'A' ? 'ackAll' : action === 'a' ? 'ack' : 'resolve',
    u: Number(user) === 0 ? null : Number(user),
    e: Number(expires) * 1000,
  };
}
