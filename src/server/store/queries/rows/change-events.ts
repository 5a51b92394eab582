import type { AlertLink } from '../../../../core/alerts/alert-event.js';
import { json, rowMapper } from './codec.js';

/** Change event rows: JSON details and links. */
export const changeEventRows = rowMapper({
  details: json<Record<string, unknown>>(),
  links: json<AlertLink[]>(),
});
