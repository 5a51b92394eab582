import { randomBytes } from 'node:crypto';
import type {
  CreateIntegrationBody,
  Integration,
  IntegrationType,
  IntegrationWithKey,
  UpdateIntegrationBody,
} from '../../core/schemas/alerting.js';
import { NotFoundError, UnauthenticatedError } from '../../core/errors.js';
import { appendAudit } from '../store/queries/audit.js';
import {
  deleteIntegration,
  findIntegration,
  findIntegrationByKeyHash,
  findIntegrationKeys,
  insertIntegration,
  listIntegrations,
  updateIntegration as updateIntegrationRow,
} from '../store/queries/integrations.js';
import { findServiceById } from '../store/queries/services.js';
import type { IntegrationRow } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import { type AppContext, type Caller, iso } from './context.js';
import { secretHash } from './secrets.js';

type IntegrationWithService = IntegrationRow & { service_name: string };

/** An integration as the API shows it: its key's prefix only (the key is not stored). */
export function viewIntegration(row: IntegrationWithService): Integration {
  return {
    id: row.id,
    service: { id: row.service_id, name: row.service_name },
    type: row.type as IntegrationType,
    name: row.name,
    keyPrefix: row.key_prefix,
    disabled: row.disabled_at !== null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A new integration key: 32 hex characters, like a PagerDuty routing key. */
function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** How many characters of a key are kept in clear, to recognise it by. */
const KEY_PREFIX_LENGTH = 8;

/** What the database keeps of a key: its SHA-256 and its first characters. */
function storedKey(key: string): { key_hash: string; key_prefix: string } {
  return { key_hash: secretHash(key), key_prefix: key.slice(0, KEY_PREFIX_LENGTH) };
}

/** Integrations of a service (or all). */
export async function getIntegrations(ctx: AppContext, serviceId?: number): Promise<Integration[]> {
  const rows = await listIntegrations(ctx.store.db, serviceId);
  return rows.map(viewIntegration);
}

/** One integration. */
export async function getIntegration(ctx: AppContext, id: number): Promise<Integration> {
  const row = await findIntegration(ctx.store.db, id);
  if (!row) throw new NotFoundError(`integration ${id}`);
  return viewIntegration(row);
}

/** Create an integration for a service (admins); the reply is the only one with its key. Audited. */
export async function createIntegration(
  ctx: AppContext,
  caller: Caller,
  serviceId: number,
  body: CreateIntegrationBody,
): Promise<IntegrationWithKey> {
  const now = ctx.clock.now();
  const key = newKey();
  const id = await ctx.store.transaction(async (tx) => {
    if (!(await findServiceById(tx, serviceId))) throw new NotFoundError(`service ${serviceId}`);
    const row = await insertIntegration(tx, {
      service_id: serviceId,
      type: body.type,
      name: body.name,
      ...storedKey(key),
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'integration.create',
      targetType: 'integration',
      targetId: row.id,
      data: { serviceId, type: body.type, name: body.name },
    });
    return row.id;
  });
  return { ...(await getIntegration(ctx, id)), key };
}

/** Rename, disable or enable an integration (admins). Audited. */
export async function updateIntegration(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateIntegrationBody,
): Promise<Integration> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findIntegration(tx, id);
    if (!row) throw new NotFoundError(`integration ${id}`);
    await updateIntegrationRow(tx, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.disabled !== undefined
        ? { disabled_at: body.disabled ? (row.disabled_at ?? now) : null }
        : {}),
      updated_at: now,
    });
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'integration.update',
      targetType: 'integration',
      targetId: id,
      data: body,
    });
  });
  return getIntegration(ctx, id);
}

/**
 * Replace an integration's key; the old key stops working at once (admins). The reply is the
 * only one with the new key. Audited.
 */
export async function rotateIntegrationKey(
  ctx: AppContext,
  caller: Caller,
  id: number,
): Promise<IntegrationWithKey> {
  const now = ctx.clock.now();
  const key = newKey();
  await ctx.store.transaction(async (tx) => {
    if (!(await findIntegration(tx, id))) throw new NotFoundError(`integration ${id}`);
    await updateIntegrationRow(tx, id, { ...storedKey(key), updated_at: now });
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'integration.rotate',
      targetType: 'integration',
      targetId: id,
    });
  });
  return { ...(await getIntegration(ctx, id)), key };
}

/** Delete an integration (admins). Audited. */
export async function removeIntegration(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findIntegration(tx, id);
    if (!row) throw new NotFoundError(`integration ${id}`);
    await deleteIntegration(tx, id);
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'integration.delete',
      targetType: 'integration',
      targetId: id,
      data: { name: row.name },
    });
  });
}

/** What an inbound request authenticated as. */
export interface AuthenticatedIntegration {
  id: number;
  serviceId: number;
  type: IntegrationType;
  name: string;
  serviceName: string;
  /** SHA-256 of the key the request used. */
  keyHash: string;
}

/**
 * The enabled integration a key belongs to. Keys are compared by their SHA-256 through a
 * unique index, so the time taken does not depend on how much of a guess is right.
 */
export async function authenticateIntegration(
  ctx: AppContext,
  key: string,
): Promise<AuthenticatedIntegration> {
  const keyHash = key.length > 0 && key.length <= 200 ? secretHash(key) : undefined;
  const row = keyHash === undefined ? undefined : await findIntegrationByKeyHash(ctx.store.db, keyHash);
  if (!row || keyHash === undefined || row.disabled_at !== null) throw unknownKey();
  return {
    id: row.id,
    serviceId: row.service_id,
    type: row.type as IntegrationType,
    name: row.name,
    serviceName: row.service_name,
    keyHash,
  };
}

const unknownKey = () => new UnauthenticatedError('unknown or disabled integration key');

/** How long a key found valid is taken on trust before it is looked up again. */
const REMEMBER_MS = 30_000;
const REMEMBER_MAX = 10_000;
type RememberedKeys = Map<string, { integration: AuthenticatedIntegration; at: number }>;
const rememberedKeys = new WeakMap<AppContext, RememberedKeys>();

/**
 * `authenticateIntegration` for requests whose events go through the ingest queue: senders
 * re-post every few seconds, so a key found valid is remembered for 30 s instead of being
 * looked up per request. Safe because the queue checks every key again inside the
 * transaction that writes its events (`refusedCredentials`): a disabled or rotated key is
 * refused from the next commit on, whatever was remembered.
 */
export async function authenticateIntegrationForIngest(
  ctx: AppContext,
  key: string,
): Promise<AuthenticatedIntegration> {
  let remembered = rememberedKeys.get(ctx);
  if (!remembered) {
    remembered = new Map();
    rememberedKeys.set(ctx, remembered);
  }
  const now = ctx.clock.now();
  const keyHash = key.length > 0 && key.length <= 200 ? secretHash(key) : '';
  const hit = remembered.get(keyHash);
  if (hit && now - hit.at < REMEMBER_MS && now >= hit.at) return hit.integration;
  const integration = await authenticateIntegration(ctx, key);
  if (remembered.size >= REMEMBER_MAX) remembered.clear();
  remembered.set(keyHash, { integration, at: now });
  return integration;
}

/**
 * Of the (integration id, key hash) pairs given, those no longer valid: integration gone,
 * disabled, or its key rotated. Runs inside the ingest transaction.
 */
export async function refusedCredentials(
  tx: Executor,
  credentials: ReadonlyArray<{ integrationId: number; keyHash: string }>,
): Promise<Set<string>> {
  const refused = new Set<string>();
  if (credentials.length === 0) return refused;
  const rows = await findIntegrationKeys(tx, [...new Set(credentials.map((c) => c.integrationId))]);
  const valid = new Set(
    rows.filter((row) => row.disabled_at === null).map((row) => `${row.id}:${row.key_hash}`),
  );
  for (const { integrationId, keyHash } of credentials) {
    const id = `${integrationId}:${keyHash}`;
    if (!valid.has(id)) refused.add(id);
  }
  return refused;
}

/** The error for a request whose key was refused at commit. */
export function refusedKeyError(): UnauthenticatedError {
  return unknownKey();
}
