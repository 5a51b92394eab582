/**
 * Validation messages people can read: "Title is required", "Enter your password", not a
 * validator's "Too small: expected string to have >=1 characters". Schemas and commands
 * word a message as a predicate ("must be at least 12 characters"); the API puts the field's
 * name in front of it here, once, for every problem it returns.
 */

/** Names of fields whose path does not read well by itself. */
const LABELS: Record<string, string> = {
  serviceIds: 'Services',
  dependsOnIds: 'Dependencies',
  ownerTeamId: 'Owner team',
  commanderId: 'Commander',
  policyId: 'Escalation policy',
  contactMethodId: 'Contact method',
  userId: 'Person',
  teamId: 'Team',
  url: 'URL',
  dedupKey: 'Dedup key',
  timeZone: 'Time zone',
  repeatCount: 'Repeats',
  delayMinutes: 'Delay',
  intervalSeconds: 'Interval',
  expiresAt: 'Expiry',
};

/** What to say when a field with one of these names is missing or empty. */
const REQUIRED: Record<string, string> = {
  password: 'Enter your password',
  currentPassword: 'Enter your current password',
  newPassword: 'Enter a new password',
  email: 'Enter an email address',
  code: 'Enter the code from your authenticator app',
};

/** The last named part of a field path: `layers.0.handoffTime` → `handoffTime`. */
function lastName(field: string): string {
  const parts = field.split(/[.[\]/]+/).filter((part) => part !== '' && !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? field;
}

/** The field's name as a person says it: `resolutionSummary` → "Resolution summary". */
export function fieldLabel(field: string): string {
  const name = lastName(field);
  const label = LABELS[name];
  if (label !== undefined) return label;
  const words = name
    .replace(/Ids?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The message for a failing field as a whole sentence: a predicate ("must be at least 12
 * characters") gets the field's name in front; a sentence of its own is kept as it is.
 */
export function humanFieldMessage(field: string, message: string): string {
  if (field.startsWith('(') || !/^[a-z]/.test(message)) return message;
  const isMissing = message === 'is required' || message === 'must not be empty';
  if (isMissing) return REQUIRED[lastName(field)] ?? `${fieldLabel(field)} is required`;
  if (PREDICATE.test(message)) return `${fieldLabel(field)} ${message}`;
  // A sentence of its own ("a user with this email exists", "refused: …") starts with a capital.
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** How a message that needs the field's name in front begins: "must …", "is …", "cannot …". */
const PREDICATE = /^(must|is|are|cannot|can|has|have|does|do|should|may|needs|exceeds|contains)\b/;
