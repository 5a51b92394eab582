import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.js';
import { IncidentStatusSchema } from './incident.js';
import { Id, IncidentRefParam, Limit, Timestamp, UserRef, pageOf } from './common.js';

/*
 * Customer reports under /api/v1: a customer's own words about a problem, sent through the
 * public form (`/report`), by a help desk or chatbot (`POST /reports`), or by mail to the
 * support address. Each gets a reference (`R-1042`) and may be linked to an incident.
 */

/** Where a report came from. */
export const REPORT_SOURCES = ['form', 'api', 'email'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** What became of the acknowledgement mail to the reporter. */
export const ACKNOWLEDGEMENT_STATES = ['queued', 'sent', 'failed', 'none'] as const;
export type AcknowledgementState = (typeof ACKNOWLEDGEMENT_STATES)[number];

/** The longest message a report may carry. */
export const REPORT_MESSAGE_LIMIT = 5_000;
/** At most this many metadata entries, each key and value bounded. */
export const REPORT_METADATA_LIMITS = { entries: 20, key: 64, value: 500 } as const;

/** A report reference in a path or body: `R-1042` or `1042`. */
export const ReportRefParam = z
  .string()
  .regex(/^(?:R-)?[1-9][0-9]{0,8}$/i, 'must be a report reference such as R-1042 or 1042');

/**
 * Small facts a form or help desk knows about the customer's problem: `orderId`, `pageUrl`,
 * `ticketId`, `customerId`… Keys are identifiers; values are plain text shown as text.
 */
export const ReportMetadata = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'keys must start with a letter: letters, digits and . _ - only')
      .max(REPORT_METADATA_LIMITS.key),
    z.string().trim().max(REPORT_METADATA_LIMITS.value),
  )
  .refine((metadata) => Object.keys(metadata).length <= REPORT_METADATA_LIMITS.entries, {
    error: `must hold at most ${String(REPORT_METADATA_LIMITS.entries)} entries`,
  });
export type ReportMetadata = z.infer<typeof ReportMetadata>;

/** Why a report matched its incident, as the clustering measured it. */
export const MatchedLinkReason = z.object({
  /** `match`: joined an open incident; `cluster`: one of the reports that opened a triage incident. */
  kind: z.enum(['match', 'cluster']),
  score: z.number(),
  sharedTerms: z.array(z.string()),
  sameComponent: z.boolean(),
  minutesApart: z.number(),
});
/** A report linked or moved by a person. */
export const ManualLinkReason = z.object({ kind: z.literal('manual'), user: UserRef.nullable() });
/** Why a report is linked to its incident. */
export const ReportLinkReason = z.discriminatedUnion('kind', [MatchedLinkReason, ManualLinkReason]);
export type ReportLinkReason = z.infer<typeof ReportLinkReason>;

/** The incident a report is linked to. */
export const ReportIncidentRef = z.object({
  id: z.number(),
  ref: z.string(),
  title: z.string(),
  status: IncidentStatusSchema,
});

/** A customer report as the API returns it. */
export const Report = z.object({
  id: z.number(),
  /** `R-1042`. */
  ref: z.string(),
  name: z.string(),
  email: z.string(),
  message: z.string(),
  componentId: z.number().nullable(),
  metadata: z.record(z.string(), z.string()),
  source: z.enum(REPORT_SOURCES),
  /** The language the customer wrote in, when the sender said (BCP 47, e.g. `de`). */
  language: z.string().nullable(),
  receivedAt: Timestamp,
  incident: ReportIncidentRef.nullable(),
  linkReason: ReportLinkReason.nullable(),
  linkedAt: Timestamp.nullable(),
  acknowledgement: z.enum(ACKNOWLEDGEMENT_STATES),
  /** When the reporter was told the incident was fixed (null: not yet). */
  toldAt: Timestamp.nullable(),
});
export type Report = z.infer<typeof Report>;

export const ReportPage = pageOf(Report);
export type ReportPage = z.infer<typeof ReportPage>;

const Name = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.name);
const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address').max(TEXT_LIMITS.email));
const Message = z.string().trim().min(1, 'must not be empty').max(REPORT_MESSAGE_LIMIT);
const Language = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a language tag such as en or pt-BR');

/** Body of `POST /reports` (support and above: help desks, chatbots, forms elsewhere). */
export const SubmitReportBody = z
  .object({
    name: Name,
    email: Email,
    message: Message,
    componentId: Id.nullable().optional(),
    metadata: ReportMetadata.optional(),
    language: Language.optional(),
  })
  .strict();
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

/** Query of `GET /reports`. */
export const ReportListQuery = z.object({
  /** `true`: only reports linked to no incident. */
  unlinked: z.enum(['true', 'false']).optional(),
  /** Only the reports of this incident (`INC-12`). */
  incident: IncidentRefParam.optional(),
  source: z.enum(REPORT_SOURCES).optional(),
  /** Words in the name, email, message or reference. */
  q: z.string().trim().max(200).optional(),
  limit: Limit,
  cursor: z.string().max(500).optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

/** Body of `POST /reports/:ref/link`: link the report to this incident, or move it there. */
export const LinkReportBody = z.object({ incidentRef: IncidentRefParam }).strict();
export type LinkReportBody = z.infer<typeof LinkReportBody>;

/** Body of `POST /reports/incident`: open an incident (in triage) from a selection of reports. */
export const ReportsIncidentBody = z
  .object({
    reportRefs: z.array(ReportRefParam).min(1, 'must name at least one report').max(100),
    title: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.title),
  })
  .strict();
export type ReportsIncidentBody = z.infer<typeof ReportsIncidentBody>;

/** One affected customer of an incident (`GET /incidents/:ref/reports`). */
export const AffectedCustomer = z.object({
  reportRef: z.string(),
  name: z.string(),
  email: z.string(),
  receivedAt: Timestamp,
  linkReason: ReportLinkReason.nullable(),
  /** Whether the customer has been told the incident was fixed. */
  told: z.boolean(),
});
export type AffectedCustomer = z.infer<typeof AffectedCustomer>;

/** The affected customers of an incident, oldest report first. */
export const AffectedCustomerList = z.object({
  items: z.array(AffectedCustomer),
  /** Reports linked to the incident. */
  count: z.number(),
  /** Distinct reporter addresses. */
  customerCount: z.number(),
});
export type AffectedCustomerList = z.infer<typeof AffectedCustomerList>;

/** What a reporter's mail says, as queued in the outbox: their reference, never anything internal. */
export interface ReporterMail {
  /**
   * `acknowledgement`: received, we reply when it is fixed; `update`: a public update of the
   * incident it is linked to; `resolved`: the problem (or one like it) was just fixed.
   */
  kind: 'acknowledgement' | 'update' | 'resolved';
  reportRef: string;
  name: string;
  /** The start of their own message, so they recognise it. */
  excerpt: string;
  /** The public update it tells about: its public status and customer-facing message. */
  update?: { status: string; message: string } | undefined;
}

/** A form field left empty is a field not given. */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max).optional(),
  );

/** The public form's fields (`POST /report`, urlencoded); the honeypot is read apart. */
export const ReportFormBody = z.object({
  name: Name,
  email: Email,
  message: Message,
  /** The form's component select: empty for "not sure". */
  componentId: z.preprocess((value) => (value === '' ? undefined : value), Id.optional()),
  orderId: optionalText(100),
  pageUrl: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .url({ protocol: /^https?$/, error: 'must be a web address such as https://shop.example.com/cart' })
      .max(TEXT_LIMITS.address)
      .optional(),
  ),
});
export type ReportFormBody = z.infer<typeof ReportFormBody>;

/** Body of `POST /assist`: a customer's message, as a chatbot or support agent has it. */
export const AssistBody = z
  .object({
    message: Message,
    componentId: Id.nullable().optional(),
    /** The customer's address: needed to record the message as a report. */
    email: Email.optional(),
    name: Name.optional(),
    /** The customer's id in the help desk, kept with the report. */
    customerId: z.string().trim().min(1).max(REPORT_METADATA_LIMITS.value).optional(),
    language: Language.optional(),
    /** Record the message as a customer report, so the customer is told when it is fixed. */
    record: z.boolean().default(false),
  })
  .strict()
  .refine((body) => !body.record || body.email !== undefined, {
    error: 'is needed to record the message as a report',
    path: ['email'],
  });
export type AssistBody = z.infer<typeof AssistBody>;

/** What a customer's message matched: an incident or a scheduled maintenance, public facts only. */
export const AssistMatch = z.object({
  kind: z.enum(['incident', 'maintenance']),
  score: z.number(),
  sharedTerms: z.array(z.string()),
  sameComponent: z.boolean(),
  /** Whether it is on the status page; when not, no title or message is given. */
  isPublic: z.boolean(),
  /** The public title (incidents on the page, maintenances). */
  title: z.string().nullable(),
  /** investigating, identified, monitoring, resolved; or scheduled, in_progress for maintenance. */
  publicStatus: z.string().nullable(),
  /** The latest customer-facing message. */
  latestMessage: z.string().nullable(),
  /** Its page on the status page. */
  url: z.string().nullable(),
});
export type AssistMatch = z.infer<typeof AssistMatch>;

/** The answer of `POST /assist`. */
export const AssistAnswer = z.object({
  match: AssistMatch.nullable(),
  /** A plain-text reply to send the customer as it is, or to start from. */
  suggestedReply: z.string(),
  statusPageUrl: z.string(),
  /** The report recorded (`record: true`), else null. */
  report: Report.nullable(),
});
export type AssistAnswer = z.infer<typeof AssistAnswer>;
