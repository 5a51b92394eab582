import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { type OutboundAllowList, parseOutboundAllow } from '../core/net/address-policy.js';
import { ROLES, type Role } from '../core/roles.js';
import { DEFAULT_PORT } from './default-port.js';

/** Every setting Beacon reads from the environment, with the default that works on a laptop. */
export interface Config {
  /** PORT: HTTP port (default 8080). */
  port: number;
  /** HOST: address to listen on (default 127.0.0.1). */
  host: string;
  /** BEACON_DATA_DIR: where the embedded SQLite database lives (default ./data). */
  dataDir: string;
  /** DATABASE_URL: postgres://… for PostgreSQL; default a SQLite file in the data dir. */
  databaseUrl: string;
  /** BEACON_BASE_URL: the URL people reach Beacon at (links in messages; secure cookies when https). */
  baseUrl: string;
  /** BEACON_ADMIN_EMAIL / BEACON_ADMIN_PASSWORD: first admin, created at first start. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (default info). */
  logLevel: string;
  /** BEACON_SESSION_HOURS: how long a browser session lasts (default 168 = 7 days). */
  sessionHours: number;
  /** BEACON_WEB_DIR: the built web UI (default dist/web of this checkout). */
  webDir: string;
  /** BEACON_BODY_LIMIT: largest request body in bytes (default 524288 = 512 KB). */
  bodyLimit: number;
  /** BEACON_SMTP_LISTEN: host:port to accept alert mail for `<integration key>@…` on (default off). */
  smtpListen: { host: string; port: number } | undefined;
  /** BEACON_SUPPORT_ADDRESS: mail to this address on the SMTP listener becomes a customer report (default off). */
  supportAddress: string | undefined;
  /** BEACON_SMTP_URL: outgoing mail server, smtp://user:pass@host:587 or smtps://… (default off: email pages fail until set). */
  smtpUrl: string | undefined;
  /** BEACON_SMTP_FROM: sender of notification mail (default `Beacon <beacon@localhost>`). */
  smtpFrom: string;
  /** BEACON_SECRET: key that signs one-click links and webhooks (default: generated once, kept in the database). */
  secret: string | undefined;
  /** BEACON_NOTIFY_BUNDLE_SECONDS: how long a first page waits for more to bundle into one message (default 10). */
  notifyBundleSeconds: number;
  /** BEACON_INGEST_QUEUE_DELAY_MS: inbound alerts are refused (503) once the oldest queued one waited this long, this long again (default 250). */
  ingestQueueDelayMs: number;
  /** BEACON_OUTBOUND_ALLOW: internal CIDRs and host names webhooks, chat and checks may reach (default none). */
  outboundAllow: OutboundAllowList;
  /**
   * BEACON_TRUST_PROXY: which proxies' X-Forwarded-For/-Proto/-Host to believe: their addresses
   * and CIDR ranges (comma-separated), or `true` for any peer (default off: none).
   */
  trustProxy: TrustProxy;
  /** BEACON_OIDC_*: single sign-on through an OpenID Connect provider (default off). */
  oidc: OidcConfig | undefined;
  /** BEACON_TWILIO_*: SMS and voice pages through Twilio (default off; docs/integrations/twilio.md). */
  twilio: TwilioConfig | undefined;
  /** BEACON_TELEGRAM_*: Telegram bot pages (default off; docs/integrations/telegram.md). */
  telegram: TelegramConfig | undefined;
  /** BEACON_METRICS_TOKEN: bearer token `GET /metrics` requires (default none: open, like most exporters). */
  metricsToken: string | undefined;
  /** BEACON_WORKERS: processes serving HTTP on the one port (default the number of cores; 1: one process, no cluster). */
  workers: number;
}

/** Twilio account settings for the `sms` and `voice` channels. */
export interface TwilioConfig {
  /** BEACON_TWILIO_ACCOUNT_SID: the account (`AC…`). */
  accountSid: string;
  /** BEACON_TWILIO_AUTH_TOKEN: signs API requests (Basic auth) and Twilio's webhooks to Beacon. */
  authToken: string;
  /** BEACON_TWILIO_FROM: the Twilio number pages come from, E.164 (`+15017122661`). */
  from: string;
  /** BEACON_TWILIO_API_URL: the REST API (default https://api.twilio.com). */
  apiUrl: string;
}

/** Telegram bot settings for the `telegram` channel. */
export interface TelegramConfig {
  /** BEACON_TELEGRAM_BOT_TOKEN: the token @BotFather gave the bot. */
  botToken: string;
  /** BEACON_TELEGRAM_WEBHOOK_SECRET: the `secret_token` given to setWebhook; Telegram sends it back in every update. */
  webhookSecret: string;
  /** BEACON_TELEGRAM_API_URL: the Bot API (default https://api.telegram.org). */
  apiUrl: string;
}

/** Single sign-on settings (docs/authentication.md). */
export interface OidcConfig {
  /** BEACON_OIDC_ISSUER: the provider's issuer URL (discovery at /.well-known/openid-configuration). */
  issuer: string;
  /** BEACON_OIDC_CLIENT_ID / BEACON_OIDC_CLIENT_SECRET: Beacon's client at the provider (no secret: a public client). */
  clientId: string;
  clientSecret: string | undefined;
  /** BEACON_OIDC_NAME: the provider's name on the sign-in button (default `SSO`). */
  name: string;
  /** BEACON_OIDC_SCOPES: scopes to ask for (default `openid email profile`). */
  scopes: string;
  /** BEACON_OIDC_DEFAULT_ROLE: role of people created at their first sign-in (default viewer). */
  defaultRole: Role;
  /** BEACON_OIDC_ROLE_CLAIM: claim holding groups or roles, e.g. `groups` (default none). */
  roleClaim: string | undefined;
  /** BEACON_OIDC_ROLE_MAP: claim value → role, `beacon-admins=admin,oncall=responder`. */
  roleMap: Record<string, Role>;
  /** BEACON_OIDC_SSO_ONLY: refuse password sign-in to everyone but admins (break-glass; default false). */
  isSsoOnly: boolean;
}

/** Fastify's `trustProxy`: off, every peer, or the proxies' addresses and ranges. */
export type TrustProxy = boolean | string[];

/** The web UI build of this checkout, wherever Beacon is started from. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** More processes than this only add memory: one SQLite writer or PostgreSQL's pool is the limit. */
const MAX_WORKERS = 64;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  HOST: z.string().min(1).default('127.0.0.1'),
  BEACON_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  BEACON_BASE_URL: z.url().optional(),
  BEACON_ADMIN_EMAIL: z.email().optional(),
  BEACON_ADMIN_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BEACON_SESSION_HOURS: z.coerce.number().positive().default(168),
  BEACON_WEB_DIR: z.string().min(1).optional(),
  BEACON_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 1024),
  BEACON_SUPPORT_ADDRESS: z.email().optional(),
  BEACON_SMTP_LISTEN: z
    .string()
    .regex(/^(\[[^\]]+\]|[^:[\]]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:2525')
    .optional(),
  BEACON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be smtp://[user:pass@]host[:port] or smtps://…')
    .optional(),
  BEACON_SMTP_FROM: z.string().min(3).default('Beacon <beacon@localhost>'),
  BEACON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  BEACON_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  BEACON_NOTIFY_BUNDLE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  BEACON_INGEST_QUEUE_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  BEACON_OUTBOUND_ALLOW: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return parseOutboundAllow(text);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `${(error as Error).message} (expected CIDRs and host names, comma-separated)`,
        });
        return z.NEVER;
      }
    }),
  BEACON_OIDC_ISSUER: z.url().optional(),
  BEACON_OIDC_CLIENT_ID: z.string().min(1).optional(),
  BEACON_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  BEACON_OIDC_NAME: z.string().min(1).max(40).default('SSO'),
  BEACON_OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'must include openid')
    .default('openid email profile'),
  BEACON_OIDC_DEFAULT_ROLE: z.enum(ROLES).default('viewer'),
  BEACON_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  BEACON_OIDC_ROLE_MAP: z
    .string()
    .regex(
      new RegExp(`^[^=,]+=(${ROLES.join('|')})(,[^=,]+=(${ROLES.join('|')}))*$`),
      `must be value=role pairs separated by commas, roles one of ${ROLES.join(', ')}`,
    )
    .optional(),
  BEACON_OIDC_SSO_ONLY: z.enum(['true', 'false', '1', '0']).default('false'),
  BEACON_TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  BEACON_TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
    .optional(),
  BEACON_TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  BEACON_TWILIO_FROM: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +15017122661')
    .optional(),
  BEACON_TWILIO_API_URL: z.url().default('https://api.twilio.com'),
  BEACON_TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'must be the token @BotFather gave, e.g. 123456:ABC-DEF…')
    .optional(),
  BEACON_TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\w-]{16,256}$/, 'must be 16 to 256 letters, digits, _ or -')
    .optional(),
  BEACON_TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  BEACON_WORKERS: z.coerce
    .number({ error: `must be a whole number from 1 to ${MAX_WORKERS}` })
    .int(`must be a whole number from 1 to ${MAX_WORKERS}`)
    .min(1, `must be a whole number from 1 to ${MAX_WORKERS}`)
    .max(MAX_WORKERS, `must be a whole number from 1 to ${MAX_WORKERS}`)
    .default(() => Math.min(os.availableParallelism(), MAX_WORKERS)),
});

/** Read and validate the configuration; throws naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.BEACON_DATA_DIR);
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? path.join(dataDir, 'beacon.sqlite'),
    baseUrl: (e.BEACON_BASE_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    adminEmail: e.BEACON_ADMIN_EMAIL,
    adminPassword: e.BEACON_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.BEACON_SESSION_HOURS,
    webDir: e.BEACON_WEB_DIR ? path.resolve(e.BEACON_WEB_DIR) : DEFAULT_WEB_DIR,
    bodyLimit: e.BEACON_BODY_LIMIT,
    smtpListen: e.BEACON_SMTP_LISTEN ? hostAndPort(e.BEACON_SMTP_LISTEN) : undefined,
    supportAddress: e.BEACON_SUPPORT_ADDRESS?.toLowerCase(),
    smtpUrl: e.BEACON_SMTP_URL,
    smtpFrom: e.BEACON_SMTP_FROM,
    secret: e.BEACON_SECRET,
    notifyBundleSeconds: e.BEACON_NOTIFY_BUNDLE_SECONDS,
    ingestQueueDelayMs: e.BEACON_INGEST_QUEUE_DELAY_MS,
    outboundAllow: e.BEACON_OUTBOUND_ALLOW,
    trustProxy: e.BEACON_TRUST_PROXY,
    oidc: oidcConfig(e),
    twilio: twilioConfig(e),
    telegram: telegramConfig(e),
    metricsToken: e.BEACON_METRICS_TOKEN,
    workers: e.BEACON_WORKERS,
  };
}

/** The Twilio settings, or undefined when none is set; all three or none. */
function twilioConfig(e: z.infer<typeof Env>): TwilioConfig | undefined {
  const {
    BEACON_TWILIO_ACCOUNT_SID: accountSid,
    BEACON_TWILIO_AUTH_TOKEN: authToken,
    BEACON_TWILIO_FROM: from,
  } = e;
  if (!accountSid && !authToken && !from) return undefined;
  if (!accountSid || !authToken || !from) {
    const missing = !accountSid ? 'ACCOUNT_SID' : !authToken ? 'AUTH_TOKEN' : 'FROM';
    throw new Error(
      `invalid configuration: BEACON_TWILIO_${missing}: is required with the other BEACON_TWILIO_ settings`,
    );
  }
  return { accountSid, authToken, from, apiUrl: e.BEACON_TWILIO_API_URL.replace(/\/$/, '') };
}

/** The Telegram settings, or undefined when BEACON_TELEGRAM_BOT_TOKEN is unset. */
function telegramConfig(e: z.infer<typeof Env>): TelegramConfig | undefined {
  const { BEACON_TELEGRAM_BOT_TOKEN: botToken, BEACON_TELEGRAM_WEBHOOK_SECRET: webhookSecret } = e;
  if (!botToken) return undefined;
  if (!webhookSecret)
    throw new Error(
      'invalid configuration: BEACON_TELEGRAM_WEBHOOK_SECRET: is required with BEACON_TELEGRAM_BOT_TOKEN',
    );
  return { botToken, webhookSecret, apiUrl: e.BEACON_TELEGRAM_API_URL.replace(/\/$/, '') };
}

/** The single sign-on settings, or undefined when BEACON_OIDC_ISSUER is unset. */
function oidcConfig(e: z.infer<typeof Env>): OidcConfig | undefined {
  if (!e.BEACON_OIDC_ISSUER) {
    if (e.BEACON_OIDC_CLIENT_ID)
      throw new Error('invalid configuration: BEACON_OIDC_ISSUER: is required with BEACON_OIDC_CLIENT_ID');
    return undefined;
  }
  if (!e.BEACON_OIDC_CLIENT_ID)
    throw new Error('invalid configuration: BEACON_OIDC_CLIENT_ID: is required with BEACON_OIDC_ISSUER');
  const pairs = (e.BEACON_OIDC_ROLE_MAP ?? '').split(',').filter(Boolean);
  return {
    issuer: e.BEACON_OIDC_ISSUER,
    clientId: e.BEACON_OIDC_CLIENT_ID,
    clientSecret: e.BEACON_OIDC_CLIENT_SECRET,
    name: e.BEACON_OIDC_NAME,
    scopes: e.BEACON_OIDC_SCOPES,
    defaultRole: e.BEACON_OIDC_DEFAULT_ROLE,
    roleClaim: e.BEACON_OIDC_ROLE_CLAIM,
    roleMap: Object.fromEntries(
      pairs.map((pair) => {
        const at = pair.lastIndexOf('=');
        return [pair.slice(0, at).trim(), pair.slice(at + 1) as Role];
      }),
    ),
    isSsoOnly: e.BEACON_OIDC_SSO_ONLY === 'true' || e.BEACON_OIDC_SSO_ONLY === '1',
  };
}

/** `host:port` (IPv6 hosts in brackets) taken apart. */
function hostAndPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(colon + 1)) };
}

// proxy-addr's names for the loopback, link-local and private ranges, as Fastify accepts them.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `false`, `true`, or comma-separated addresses, CIDR ranges and range names. */
function parseTrustProxy(text: string, ctx: z.core.$RefinementCtx<string>): TrustProxy {
  const value = text.trim().toLowerCase();
  if (value === 'false' || value === 'off') return false;
  if (value === 'true') return true;
  // A hop count cannot tell a proxy from a client that sends the header itself (Fastify
  // believes no hop then), so the proxies are named by address instead.
  if (/^[0-9]+$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `name the proxies' addresses or ranges, not a hop count` });
    return z.NEVER;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !NAMED_RANGES.has(entry) && !isAddressOrRange(entry));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${bad}" is not an address or CIDR range: use addresses and ranges such as 10.0.0.0/8,::1, or true`,
    });
    return z.NEVER;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  return (
    ipaddr.IPv4.isValidFourPartDecimal(entry) ||
    ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) ||
    ipaddr.IPv6.isValid(entry) ||
    ipaddr.IPv6.isValidCIDR(entry)
  );
}
