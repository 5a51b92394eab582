import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.js';
import {
  COMPONENT_STATUSES,
  MAINTENANCE_STATUSES,
  PUBLIC_IMPACTS,
  PUBLIC_INCIDENT_STATUSES,
  type PublicIncidentView,
} from '../status/snapshot.js';
import { Id, Timestamp, UserRef } from './common.js';

/*
 * The status page's API under /api/v1: its settings, component groups, components, update
 * templates, and the public updates of incidents. What the public sees is in core/status.
 */

const Name = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.name);
const Description = z.string().trim().max(TEXT_LIMITS.description);
const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1f6feb');
const PublicMessage = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.update);
const Position = z.number().int().min(0).max(10_000);

/** How a component's status is decided. */
export const COMPONENT_STATUS_MODES = [
  /** Set by hand (in the component or through a public update); nothing else changes it. */
  'manual',
  /** From the open published incidents that affect it (and failing checks of its services), or by hand. */
  'derived',
] as const;
export type ComponentStatusMode = (typeof COMPONENT_STATUS_MODES)[number];

/** Who is told when an incident with customer reports changes (customers issue, point 7). */
export const REPORTER_NOTIFY_MODES = ['every_update', 'resolution'] as const;

/** The status page's settings (`GET /status-page`). */
export const StatusPageSettings = z.object({
  name: z.string(),
  logoUrl: z.string().nullable(),
  brandColor: z.string(),
  /** IANA time zone the page shows times in. */
  timeZone: z.string(),
  isPrivate: z.boolean(),
  reporterNotify: z.enum(REPORTER_NOTIFY_MODES),
  /** Where the page is served (from BEACON_BASE_URL). */
  url: z.string(),
});
export type StatusPageSettings = z.infer<typeof StatusPageSettings>;

/** Body of `PATCH /status-page` (admin): the fields given change, the others stay. */
export const StatusPageSettingsPatch = z
  .object({
    name: Name.optional(),
    logoUrl: z
      .url({ protocol: /^https?$/ })
      .max(TEXT_LIMITS.address)
      .nullable()
      .optional(),
    brandColor: HexColor.optional(),
    timeZone: z.string().min(1).max(64).optional(),
    isPrivate: z.boolean().optional(),
    reporterNotify: z.enum(REPORTER_NOTIFY_MODES).optional(),
  })
  .strict();
export type StatusPageSettingsPatch = z.infer<typeof StatusPageSettingsPatch>;

export const ComponentGroup = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  position: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ComponentGroup = z.infer<typeof ComponentGroup>;

/** Body of `POST /status-page/groups` and (all optional) `PATCH /status-page/groups/:id`. */
export const ComponentGroupBody = z
  .object({ name: Name, description: Description.nullable().optional(), position: Position.optional() })
  .strict();
export const ComponentGroupPatch = ComponentGroupBody.partial().strict();

export const StatusComponent = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  groupId: z.number().nullable(),
  position: z.number(),
  /** The services whose incidents and checks decide its status. */
  serviceIds: z.array(z.number()),
  statusMode: z.enum(COMPONENT_STATUS_MODES),
  /** Set by hand; in `derived` mode, a floor the derived status never goes below (null: none). */
  manualStatus: z.enum(COMPONENT_STATUSES).nullable(),
  /** What the public page shows now. */
  status: z.enum(COMPONENT_STATUSES),
  showUptime: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type StatusComponent = z.infer<typeof StatusComponent>;

/** Body of `POST /status-page/components` (admin). */
export const StatusComponentBody = z
  .object({
    name: Name,
    description: Description.nullable().optional(),
    groupId: Id.nullable().optional(),
    position: Position.optional(),
    serviceIds: z.array(Id).max(100).default([]),
    statusMode: z.enum(COMPONENT_STATUS_MODES).default('derived'),
    manualStatus: z.enum(COMPONENT_STATUSES).nullable().optional(),
    showUptime: z.boolean().default(true),
  })
  .strict();
export type StatusComponentBody = z.infer<typeof StatusComponentBody>;

/** Body of `PATCH /status-page/components/:id` (admin): the fields given change. */
export const StatusComponentPatch = z
  .object({
    name: Name.optional(),
    description: Description.nullable().optional(),
    groupId: Id.nullable().optional(),
    position: Position.optional(),
    serviceIds: z.array(Id).max(100).optional(),
    statusMode: z.enum(COMPONENT_STATUS_MODES).optional(),
    manualStatus: z.enum(COMPONENT_STATUSES).nullable().optional(),
    showUptime: z.boolean().optional(),
  })
  .strict();
export type StatusComponentPatch = z.infer<typeof StatusComponentPatch>;

/** A component an update names, with the status it gives it. */
export const PublicUpdateComponent = z.object({
  componentId: z.number(),
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
});

/** One public update of an incident, as responders see it. */
export const PublicUpdate = z.object({
  id: z.number(),
  incidentRef: z.string(),
  status: z.enum(PUBLIC_INCIDENT_STATUSES),
  /** The customer-facing message. */
  message: z.string(),
  components: z.array(PublicUpdateComponent),
  author: UserRef.nullable(),
  postedAt: Timestamp,
  /** Set when the update was corrected after publishing. */
  editedAt: Timestamp.nullable(),
});
export type PublicUpdate = z.infer<typeof PublicUpdate>;

/** An incident's public face: whether it is on the page, its title and impact there, its updates. */
export const PublicIncidentState = z.object({
  isPublished: z.boolean(),
  /** The title customers see (defaults to the incident's title when first published). */
  publicTitle: z.string().nullable(),
  impact: z.enum(PUBLIC_IMPACTS).nullable(),
  /** Newest first. */
  items: z.array(PublicUpdate),
});
export type PublicIncidentState = z.infer<typeof PublicIncidentState>;

/** Body of `POST /incidents/:ref/public-updates` (responder) and of its `/preview`. */
export const PublishUpdateBody = z
  .object({
    status: z.enum(PUBLIC_INCIDENT_STATUSES),
    message: PublicMessage,
    /** The title customers see; required on the first publication unless the incident's title will do. */
    publicTitle: Name.optional(),
    impact: z.enum(PUBLIC_IMPACTS).optional(),
    components: z
      .array(z.object({ componentId: Id, status: z.enum(COMPONENT_STATUSES) }).strict())
      .max(100)
      .default([]),
  })
  .strict();
export type PublishUpdateBody = z.infer<typeof PublishUpdateBody>;

/** Body of `PATCH /incidents/:ref/public-updates/:id` (responder): a correction, shown as updated. */
export const CorrectUpdateBody = z
  .object({ message: PublicMessage.optional(), status: z.enum(PUBLIC_INCIDENT_STATUSES).optional() })
  .strict();
export type CorrectUpdateBody = z.infer<typeof CorrectUpdateBody>;

/** A reusable public message. */
export const UpdateTemplate = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(PUBLIC_INCIDENT_STATUSES).nullable(),
  message: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type UpdateTemplate = z.infer<typeof UpdateTemplate>;

/** Body of `POST /status-page/templates` and (all optional) `PATCH /status-page/templates/:id` (admin). */
export const UpdateTemplateBody = z
  .object({
    name: Name,
    status: z.enum(PUBLIC_INCIDENT_STATUSES).nullable().optional(),
    message: PublicMessage,
  })
  .strict();
export const UpdateTemplatePatch = UpdateTemplateBody.partial().strict();

/** A component an update affected, as the public page shows it. */
const AffectedComponentView = z.object({
  id: z.string(),
  name: z.string(),
  oldStatus: z.enum(COMPONENT_STATUSES).nullable(),
  newStatus: z.enum(COMPONENT_STATUSES),
});

/**
 * Reply of `POST /incidents/:ref/public-updates/preview`: the incident as the public page would
 * show it with the update published (`PublicIncidentView`; times in ms, ids as strings).
 */
export const PublicIncidentPreview = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(PUBLIC_INCIDENT_STATUSES),
  impact: z.enum(PUBLIC_IMPACTS),
  createdAt: z.number(),
  updatedAt: z.number(),
  startedAt: z.number(),
  monitoringAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  shortlink: z.string(),
  updates: z.array(
    z.object({
      id: z.string(),
      status: z.enum([...PUBLIC_INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
      body: z.string(),
      createdAt: z.number(),
      updatedAt: z.number(),
      displayAt: z.number(),
      affectedComponents: z.array(AffectedComponentView),
    }),
  ),
  componentIds: z.array(z.string()),
}) satisfies z.ZodType<PublicIncidentView>;
