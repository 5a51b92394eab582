import type { ResponseRole } from '../../core/schemas/response.js';

/** How each incident role is called on screen. */
export const ROLE_LABELS: Record<ResponseRole, string> = {
  commander: 'Commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
};
