import { createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../../../core/schemas/timeline.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import {
  isActionTokenUsed,
  pruneUsedActionTokens,
  serverSecret,
  useActionToken,
} from '../../store/queries/notifications.js';
import { findUserById } from '../../store/queries/users.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Store } from '../../store/store.js';
import { transitionIncident } from '../change-incident-status.js';
import type { AppContext } from '../context.js';
import { safeEqual } from '../secrets.js';

/** What a one-click link in a notification does. */
export type LinkAction = 'ack' | 'resolve';

/** How long a one-click link works after it was sent. */
export const ACTION_LINK_TTL_MS = 24 * 3_600_000;

/** The signed content of a one-click link. */
interface ActionClaims {
  /** Token id: a link works once. */
  n: string;
  i: number;
  a: LinkAction;
  u: number | null;
  e: number;
}

/** What a link would do (the confirmation page) or did (after the POST). */
export type LinkOutcome =
  | { kind: 'invalid' | 'expired' | 'used' }
  | { kind: 'ready' | 'done' | 'noop'; action: LinkAction; incident: IncidentRecord; message: string };

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
  const expires = Math.floor((link.now + ACTION_LINK_TTL_MS) / 1000);
  const id = randomBytes(9).toString('base64url');
  const body = `${link.incidentId}.${link.action === 'ack' ? 'a' : 'r'}.${link.userId ?? 0}.${expires}.${id}`;
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
    const incident = await findIncidentById(tx, claims.i);
    if (!incident) return { kind: 'invalid' };
    const noop = alreadyDone(incident, claims.a);
    if (noop) return { kind: 'noop', action: claims.a, incident, message: noop };
    const user = claims.u === null ? undefined : await findUserById(tx, claims.u);
    const actor: Actor = user
      ? { type: 'user', id: user.id, name: user.name }
      : { type: 'system', id: null, name: 'Notification link' };
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
  const match = /^(\d{1,12})\.([ar])\.(\d{1,12})\.(\d{1,12})\.([\w-]{12})\.([\w-]{22})$/.exec(token);
  if (!match) return undefined;
  const [, incident, action, user, expires, id, signature] = match;
  const body = token.slice(0, token.lastIndexOf('.'));
  if (!signature || !id || !safeEqual(signature, mac(secret, body))) return undefined;
  return {
    n: id,
    i: Number(incident),
    a: action === 'a' ? 'ack' : 'resolve',
    u: Number(user) === 0 ? null : Number(user),
    e: Number(expires) * 1000,
  };
}
