import { z } from 'zod';
import { Timestamp } from './common.js';
import { TEXT_LIMITS } from '../text/limits.js';

export const CHECK_TYPES = ['http', 'tcp', 'heartbeat'] as const;
export const CHECK_STATUSES = ['pending', 'up', 'down', 'paused'] as const;

/** HTTP(S) check settings. */
export const HttpCheckConfig = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  expectedStatus: z.number().int().min(100).max(599).default(200),
  keyword: z.string().max(TEXT_LIMITS.checkKeyword).optional(),
  latencyLimitMs: z.number().int().min(1).max(60_000).optional(),
});

/** TCP connect check settings. */
export const TcpCheckConfig = z.object({
  host: z.string().trim().min(1).max(TEXT_LIMITS.host),
  port: z.number().int().min(1).max(65535),
});

/** Heartbeat settings: silence longer than the interval plus this grace fires. */
export const HeartbeatCheckConfig = z.object({
  graceSeconds: z.number().int().min(0).max(86_400).default(60),
});

const Common = {
  name: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.name),
  intervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(86_400).default(60),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** Failures in a row before the check is down (confirmation retries). */
  retries: z.number().int().min(0).max(10).default(2),
};

/** Body of `POST /services/:id/checks`. */
export const CreateCheckBody = z.discriminatedUnion('type', [
  z.object({ ...Common, type: z.literal('http'), config: HttpCheckConfig }),
  z.object({ ...Common, type: z.literal('tcp'), config: TcpCheckConfig }),
  z.object({
    ...Common,
    type: z.literal('heartbeat'),
    config: HeartbeatCheckConfig.default({ graceSeconds: 60 }),
  }),
]);
export type CreateCheckBody = z.infer<typeof CreateCheckBody>;

/** Body of `PATCH /checks/:id` (the type cannot change). */
export const UpdateCheckBody = z
  .object({
    name: Common.name.optional(),
    intervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(86_400).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    paused: z.boolean().optional(),
  })
  .strict();
export type UpdateCheckBody = z.infer<typeof UpdateCheckBody>;

/** A check as the API returns it. */
export const Check = z.object({
  id: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  name: z.string(),
  type: z.enum(CHECK_TYPES),
  config: z.record(z.string(), z.unknown()),
  intervalSeconds: z.number(),
  timeoutMs: z.number(),
  retries: z.number(),
  status: z.enum(CHECK_STATUSES),
  lastCheckedAt: Timestamp.nullable(),
  lastMessage: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  /** Heartbeat checks: the secret URL to call (GET or POST). */
  pingUrl: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Check = z.infer<typeof Check>;

/** One check run. */
export const CheckResult = z.object({
  at: Timestamp,
  isUp: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string().nullable(),
});
export type CheckResult = z.infer<typeof CheckResult>;

/** Uptime of one UTC day: null when the check did not run that day. */
export const UptimeDay = z.object({
  date: z.string(),
  uptimePercent: z.number().nullable(),
  runs: z.number(),
});
export type UptimeDay = z.infer<typeof UptimeDay>;
