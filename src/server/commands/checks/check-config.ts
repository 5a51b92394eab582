import type { z } from 'zod';
import { ValidationError } from '../../../core/errors.js';
import {
  type CHECK_STATUSES,
  type CHECK_TYPES,
  HeartbeatCheckConfig,
  HttpCheckConfig,
  TcpCheckConfig,
} from '../../../core/schemas/checks.js';
import type { CheckRecord } from '../../store/queries/checks.js';

export type CheckType = (typeof CHECK_TYPES)[number];
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The settings schema of each check type. */
export const CHECK_CONFIG_SCHEMAS = {
  http: HttpCheckConfig,
  tcp: TcpCheckConfig,
  heartbeat: HeartbeatCheckConfig,
} as const;

type Configs = { [K in CheckType]: z.infer<(typeof CHECK_CONFIG_SCHEMAS)[K]> };

/** A check type with its parsed settings. */
export type CheckSpec = { [K in CheckType]: { type: K; config: Configs[K] } }[CheckType];

/** A stored check with its type and settings parsed. */
export type ParsedCheck = Omit<CheckRecord, 'type' | 'config' | 'status'> &
  CheckSpec & { status: CheckStatus };

/** Parse a stored check's type and settings. */
export function parseCheck<R extends CheckRecord>(
  row: R,
): Omit<R, 'type' | 'config' | 'status'> & ParsedCheck {
  const type = row.type as CheckType;
  const config: unknown = CHECK_CONFIG_SCHEMAS[type].parse(row.config);
  return { ...row, type, config, status: row.status as CheckStatus } as Omit<
    R,
    'type' | 'config' | 'status'
  > &
    ParsedCheck;
}

/**
 * Apply a PATCH to settings as a JSON merge patch (a null value removes the key) and
 * validate the result against the type's schema; a bad value is a 400 naming `config.<key>`.
 */
export function patchCheckConfig(
  type: CheckType,
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...patch }).filter(([, value]) => value !== null),
  );
  const parsed = CHECK_CONFIG_SCHEMAS[type].strict().safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...(issue?.path ?? []), ...keys.slice(0, 1)].map(String).join('.');
    throw new ValidationError(path ? `config.${path}` : 'config', issue?.message ?? 'is invalid');
  }
  return parsed.data;
}

/** Words a person reads for each type: "HTTP check", "TCP check", "Heartbeat check". */
export const CHECK_TYPE_LABELS: Record<CheckType, string> = {
  http: 'HTTP',
  tcp: 'TCP',
  heartbeat: 'Heartbeat',
};

/** What a check watches, shown as the alert source: the URL, host:port or "heartbeat". */
export function checkTarget(check: CheckSpec): string {
  switch (check.type) {
    case 'http':
      return check.config.url;
    case 'tcp':
      return `${check.config.host}:${check.config.port}`;
    case 'heartbeat':
      return 'heartbeat';
  }
}
