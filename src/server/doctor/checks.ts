import nodemailer from 'nodemailer';
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { discardBody, readBodyPrefix, requestOutbound } from '../notify/outbound/outbound-request.js';

/** How one check of `beacon doctor` ended. */
export type CheckStatus = 'ok' | 'fail' | 'skip';

/** One line of the doctor's report. */
export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
}

const TIMEOUT_MS = 10_000;

/** A URL to show: without user and password, and without a path that may be a secret. */
export function shownUrl(url: string, options: { isPathSecret?: boolean } = {}): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const path = options.isPathSecret ? (parsed.pathname.length > 1 ? '/…' : '') : parsed.pathname;
    return `${parsed.protocol}//${user}${parsed.host}${path === '/' ? '' : path}`;
  } catch {
    return '(not a URL)';
  }
}

/** GET `<baseUrl>/healthz`: people (and the links in pages) reach this Beacon at its base URL. */
export async function checkBaseUrl(baseUrl: string): Promise<CheckResult> {
  const name = 'base URL';
  try {
    const response = await fetch(`${baseUrl}/healthz`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.text()).slice(0, 200);
    if (response.status === 200 && body.includes('"ok"'))
      return { name, status: 'ok', detail: `${baseUrl} answers /healthz` };
    return {
      name,
      status: 'fail',
      detail: `${baseUrl}/healthz answered HTTP ${response.status}, not Beacon's 200: check BEACON_BASE_URL`,
    };
  } catch (error) {
    return {
      name,
      status: 'fail',
      detail: `${baseUrl} is not reachable (${reasonOf(error)}): is Beacon running, and is BEACON_BASE_URL the address people use?`,
    };
  }
}

/** Connect to the mail server of BEACON_SMTP_URL and log in (nothing is sent). */
export async function checkSmtp(smtpUrl: string): Promise<CheckResult> {
  const name = 'SMTP';
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const shown = shownUrl(smtpUrl);
  try {
    await transport.verify();
    const hasAuth = new URL(smtpUrl).username !== '';
    return { name, status: 'ok', detail: `${shown} accepts connections${hasAuth ? ' and the login' : ''}` };
  } catch (error) {
    return { name, status: 'fail', detail: `${shown}: ${reasonOf(error)}` };
  } finally {
    transport.close();
  }
}

/**
 * Ask a Slack or Teams incoming webhook whether it is still there, without posting: an empty
 * JSON object is refused by a live webhook (Slack: 400 `no_text`; Teams: 400) and answered
 * 403, 404 or 410 by one that was removed.
 */
export async function checkChatWebhook(
  method: { type: string; name: string; address: string; owner: string },
  allow: OutboundAllowList,
): Promise<CheckResult> {
  const name = `${method.type === 'slack' ? 'Slack' : 'Teams'} "${method.name}" of ${method.owner}`;
  const shown = shownUrl(method.address, { isPathSecret: true });
  try {
    const response = await requestOutbound({
      url: method.address,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Beacon doctor' },
      body: '{}',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      allow,
    });
    const text = (await readBodyPrefix(response, 200).catch(() => Buffer.alloc(0))).toString('utf8').trim();
    discardBody(response);
    const answer = `HTTP ${response.status}${text ? ` ${text}` : ''}`;
    const isGone = [401, 403, 404, 410].includes(response.status) || response.status >= 500;
    return isGone
      ? { name, status: 'fail', detail: `${shown} answered ${answer}: the webhook is gone or refuses Beacon` }
      : { name, status: 'ok', detail: `${shown} answers (${answer}; nothing was posted)` };
  } catch (error) {
    return { name, status: 'fail', detail: `${shown} is not reachable: ${reasonOf(error)}` };
  }
}

/** The message of an error, with its cause (fetch hides the network error there). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
