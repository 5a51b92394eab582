import type { AccountMail } from '../../core/schemas/account-links.js';
import { escapeHtml } from '../../core/escape-html.js';

/** An invitation or password reset as the email channel sends it: the mail with its link. */
export interface AccountMessage extends AccountMail {
  url: string;
}

/** Subject, text and HTML of an invitation or password reset mail. */
export function accountMail(
  message: { recipientName: string | null },
  account: AccountMessage,
): { subject: string; text: string; html: string } {
  const isInvite = account.purpose === 'invite';
  const expires = `${account.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const greeting = message.recipientName ? `Hi ${message.recipientName},` : 'Hi,';
  const lead = isInvite
    ? `${account.invitedBy ?? 'An admin'} invited you to Beacon, the incident management of your team. Choose your name and password to join:`
    : 'Someone (we hope you) asked to reset your Beacon password. Choose a new one here:';
  const after = isInvite
    ? `The link works once, until ${expires}.`
    : `The link works once, until ${expires}. If you did not ask, ignore this mail: your password stays as it is.`;
  const action = isInvite ? 'Accept the invitation' : 'Choose a new password';
  return {
    subject: isInvite ? '[Beacon] You are invited to Beacon' : '[Beacon] Reset your password',
    text: [greeting, '', lead, '', account.url, '', after].join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(account.url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#1f6feb;color:#fff;text-decoration:none;font-weight:600">${action}</a></p>
<p style="color:#777;font-size:13px">${escapeHtml(after)}</p>
</body></html>`,
  };
}
