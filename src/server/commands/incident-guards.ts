import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { findIncidentById, findIncidentByNumber } from '../store/queries/incidents.js';
import { findServicesByIds } from '../store/queries/services.js';
import { findUserById } from '../store/queries/users.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';

const REF = /^(?:INC-)?(\d{1,9})$/i;

/** Parse `INC-12` or `12` into an incident number. */
export function parseIncidentRef(ref: string | number): number | undefined {
  const match = REF.exec(String(ref).trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Load an incident by ref or throw 404. */
export async function loadIncident(db: Executor, ref: string | number): Promise<IncidentRecord> {
  const number = parseIncidentRef(ref);
  const row = number === undefined ? undefined : await findIncidentByNumber(db, number);
  if (!row) throw new NotFoundError(`incident ${String(ref)}`);
  return row;
}

/** Throw 409 when the caller edited an older version than the stored one. */
export function assertVersion(row: IncidentRecord, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new ConflictError(
      `incident INC-${row.number} is at version ${row.version}, not ${version}; reload and retry`,
      'version',
    );
  }
}

/** Throw 400 naming `field` unless every id is a service. */
export async function assertServicesExist(
  db: Executor,
  ids: readonly number[] | undefined,
  field = 'serviceIds',
) {
  if (!ids || ids.length === 0) return [];
  const found = await findServicesByIds(db, ids);
  const missing = [...new Set(ids)].filter((id) => !found.some((s) => s.id === id));
  if (missing.length > 0) throw new ValidationError(field, `no service with id ${missing.join(', ')}`);
  return found;
}

/** Throw 400 naming `field` unless the id is an active user. */
export async function assertActiveUser(db: Executor, id: number | null | undefined, field: string) {
  if (id === null || id === undefined) return undefined;
  const user = await findUserById(db, id);
  if (!user || user.disabled_at !== null) throw new ValidationError(field, `no active user with id ${id}`);
  return user;
}

/** `INC-n` of an incident id, or null when it does not exist. */
export async function findIncidentRefById(db: Executor, id: number): Promise<string | null> {
  const row = await findIncidentById(db, id);
  return row ? `INC-${row.number}` : null;
}
