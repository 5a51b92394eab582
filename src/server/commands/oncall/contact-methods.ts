import { NotFoundError, ValidationError } from '../../../core/errors.js';
import type { AddedContactMethod } from '../../../core/schemas/delivery.js';
import type { ContactMethod, ContactMethodBody, NotificationRule } from '../../../core/schemas/oncall.js';
import {
  contactMethodsOf,
  deleteContactMethod,
  insertContactMethod,
  replaceRules,
  rulesOf,
} from '../../store/queries/notifications.js';
import type { ContactMethodRow } from '../../store/schema.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { assertOutboundUrl } from '../outbound-target.js';
import { phoneContactAddress } from './phone-addresses.js';

/** The caller's contact methods. */
export async function getMyContactMethods(ctx: AppContext, caller: Caller): Promise<ContactMethod[]> {
  return (await contactMethodsOf(ctx.store.db, [caller.userId])).map(contactMethodView);
}

/**
 * Add a contact method for the caller, checking the address fits its type. A person's first
 * method, while they have no rules, gets a rule paging them by it at once (else it would page
 * nobody until they wrote one); the reply says so.
 */
export async function addMyContactMethod(
  ctx: AppContext,
  caller: Caller,
  body: ContactMethodBody,
): Promise<AddedContactMethod> {
  const phoneAddress = phoneContactAddress(body);
  if (phoneAddress === undefined) assertAddress(body);
  if (phoneAddress === undefined && body.type !== 'email' && body.type !== 'pushover')
    assertOutboundUrl(ctx, 'address', body.address);
  return ctx.store.transaction(async (tx) => {
    const isFirst =
      (await contactMethodsOf(tx, [caller.userId])).length === 0 &&
      (await rulesOf(tx, [caller.userId])).length === 0;
    const row = await insertContactMethod(tx, {
      user_id: caller.userId,
      type: body.type,
      name: body.name ?? defaultName({ ...body, address: phoneAddress ?? body.address }),
      address: phoneAddress ?? body.address,
      secret: SECRET_TYPES.has(body.type) ? (body.secret ?? null) : null,
      created_at: ctx.clock.now(),
    });
    const addedRule = isFirst ? { contactMethodId: row.id, delayMinutes: 0 } : null;
    if (addedRule) await replaceRules(tx, caller.userId, [addedRule]);
    return { ...contactMethodView(row), addedRule };
  });
}

/** Remove one of the caller's contact methods (and the rules using it). */
export async function removeMyContactMethod(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const deleted = await ctx.store.transaction((tx) => deleteContactMethod(tx, caller.userId, id));
  if (!deleted) throw new NotFoundError(`contact method ${id}`);
}

/** The caller's notification rules; none means the default (email to the account address at once). */
export async function getMyRules(ctx: AppContext, caller: Caller) {
  const rules = await rulesOf(ctx.store.db, [caller.userId]);
  return {
    rules: rules.map((rule) => ({
      contactMethodId: rule.contact_method_id,
      delayMinutes: rule.delay_minutes,
    })),
    isDefault: rules.length === 0,
  };
}

/** Replace the caller's notification rules as a whole. */
export async function putMyRules(ctx: AppContext, caller: Caller, rules: readonly NotificationRule[]) {
  await ctx.store.transaction(async (tx) => {
    const methods = await contactMethodsOf(tx, [caller.userId]);
    rules.forEach((rule, index) => {
      if (!methods.some((method) => method.id === rule.contactMethodId)) {
        throw new ValidationError(
          `rules[${index}].contactMethodId`,
          `you have no contact method ${rule.contactMethodId}`,
        );
      }
    });
    await replaceRules(tx, caller.userId, rules);
  });
  return getMyRules(ctx, caller);
}

/** Types whose secret is kept: the webhook's signing key, ntfy's access token, Pushover's app token. */
const SECRET_TYPES = new Set<ContactMethodBody['type']>(['webhook', 'ntfy', 'pushover']);
/** Pushover user, group and application keys: 30 letters and digits. */
const PUSHOVER_KEY = /^[A-Za-z0-9]{30}$/;
/** An ntfy topic: the last path segment of its URL (ntfy allows 1–64 of these characters). */
const NTFY_TOPIC = /\/[-_A-Za-z0-9]{1,64}$/;

function assertAddress(body: ContactMethodBody): void {
  if (body.type === 'email') {
    if (!/^[^\s@]+@[^\s@]+$/.test(body.address))
      throw new ValidationError('address', 'must be an email address');
    return;
  }
  if (body.type === 'pushover') {
    if (!PUSHOVER_KEY.test(body.address))
      throw new ValidationError('address', 'must be your Pushover user key (30 letters and digits)');
    if (body.secret === undefined || !PUSHOVER_KEY.test(body.secret))
      throw new ValidationError('secret', 'must be the Pushover application token (30 letters and digits)');
    return;
  }
  let url: URL;
  try {
    url = new URL(body.address);
  } catch {
    throw new ValidationError('address', 'must be an http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('address', 'must be an http(s) URL');
  }
  if (body.type === 'ntfy' && (url.search || url.hash || !NTFY_TOPIC.test(url.pathname)))
    throw new ValidationError('address', 'must be the topic URL, such as https://ntfy.sh/your-topic');
}

function defaultName(body: ContactMethodBody): string {
  switch (body.type) {
    case 'email':
      return body.address;
    case 'webhook':
      return `Webhook ${new URL(body.address).host}`;
    case 'slack':
      return 'Slack';
    case 'teams':
      return 'Microsoft Teams';
    case 'ntfy':
      return `ntfy ${new URL(body.address).pathname.split('/').pop() ?? ''}`;
    case 'pushover':
      return 'Pushover';
    case 'sms':
      return `SMS ${body.address}`;
    case 'voice':
      return `Phone call ${body.address}`;
    case 'telegram':
      return 'Telegram';
  }
}

function contactMethodView(row: ContactMethodRow): ContactMethod {
  return {
    id: row.id,
    type: row.type as ContactMethod['type'],
    name: row.name,
    address: row.address,
    hasSecret: row.secret !== null,
    createdAt: iso(row.created_at),
  };
}
