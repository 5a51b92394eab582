import { NotFoundError, ValidationError } from '../../../core/errors.js';
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

/** Add a contact method for the caller, checking the address fits its type. */
export async function addMyContactMethod(
  ctx: AppContext,
  caller: Caller,
  body: ContactMethodBody,
): Promise<ContactMethod> {
  const phoneAddress = phoneContactAddress(body);
  if (phoneAddress === undefined) assertAddress(body);
  if (phoneAddress === undefined && body.type !== 'email') assertOutboundUrl(ctx, 'address', body.address);
  const row = await ctx.store.transaction((tx) =>
    insertContactMethod(tx, {
      user_id: caller.userId,
      type: body.type,
      name: body.name ?? defaultName({ ...body, address: phoneAddress ?? body.address }),
      address: phoneAddress ?? body.address,
      secret: body.type === 'webhook' ? (body.secret ?? null) : null,
      created_at: ctx.clock.now(),
    }),
  );
  return contactMethodView(row);
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

function assertAddress(body: ContactMethodBody): void {
  if (body.type === 'email') {
    if (!/^[^\s@]+@[^\s@]+$/.test(body.address))
      throw new ValidationError('address', 'must be an email address');
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
