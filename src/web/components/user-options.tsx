import type { User } from '../../core/schemas/access.js';
import { userLabel } from './schedule-format.js';

/** `<option>`s for the users who can still be put on call (not disabled), by user id. */
export function ActiveUserOptions({ users }: { users: readonly User[] }) {
  return users
    .filter((u) => !u.disabled)
    .map((u) => (
      <option key={u.id} value={u.id}>
        {userLabel(u, u.email)}
      </option>
    ));
}
