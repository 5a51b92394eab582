/** The parts of Opsgenie's REST API v2 objects an import reads (docs.opsgenie.com, REST API). */

export interface OgUser {
  id: string;
  username: string;
  fullName: string;
  role: { id?: string; name: string };
  timeZone?: string;
}

export interface OgTeamMember {
  user: { id: string; username?: string };
  role?: string;
}

export interface OgTeam {
  id: string;
  name: string;
  description?: string;
  /** Only on `GET /v2/teams/{id}`. */
  members?: OgTeamMember[];
}

export interface OgParticipant {
  type: string;
  id?: string;
  username?: string;
  name?: string;
}

export interface OgTimeOfDay {
  startHour: number;
  startMin: number;
  endHour: number;
  endMin: number;
}

export interface OgWeekdayTime extends OgTimeOfDay {
  startDay: string;
  endDay: string;
}

export type OgTimeRestriction =
  | { type: 'time-of-day'; restriction: OgTimeOfDay }
  | { type: 'weekday-and-time-of-day'; restrictions: OgWeekdayTime[] };

export interface OgRotation {
  id: string;
  name: string;
  startDate: string;
  endDate?: string;
  type: 'daily' | 'weekly' | 'hourly';
  length: number;
  participants: OgParticipant[];
  timeRestriction?: OgTimeRestriction;
}

export interface OgSchedule {
  id: string;
  name: string;
  description?: string;
  timezone: string;
  enabled: boolean;
  ownerTeam?: { id: string; name?: string };
  rotations?: OgRotation[];
}

export interface OgOverride {
  alias: string;
  user: { type: string; id?: string; username?: string };
  startDate: string;
  endDate: string;
  rotations?: { id: string; name?: string }[];
}

export interface OgPeriod {
  startDate: string;
  endDate: string;
  type: string;
  recipient: { id?: string; type: string; name?: string };
}

export interface OgTimeline {
  startDate: string;
  endDate: string;
  finalTimeline: { rotations: { id: string; name: string; order?: number; periods?: OgPeriod[] }[] };
}

export interface OgEscalationRule {
  condition: string;
  notifyType: string;
  delay: { timeAmount: number; timeUnit?: string };
  recipient: { type: string; id?: string; name?: string; username?: string };
}

export interface OgEscalation {
  id: string;
  name: string;
  description?: string;
  ownerTeam?: { id: string; name?: string };
  rules: OgEscalationRule[];
  repeat?: {
    waitInterval: number;
    count: number;
    resetRecipientStates?: boolean;
    closeAlertAfterAll?: boolean;
  };
}

export interface OgService {
  id: string;
  name: string;
  description?: string;
  teamId: string;
}

export interface OgIntegration {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  teamId?: string;
  ownerTeam?: { id: string; name?: string };
  /** Only on `GET /v2/integrations/{id}`, for API-based integrations. */
  apiKey?: string;
  emailAddress?: string;
}

export interface OgMaintenance {
  id: string;
  status: string;
  description?: string;
  time: { type: string; startDate?: string; endDate?: string };
  /** Only on `GET /v2/maintenance/{id}`. */
  rules?: { state: string; entity: { id: string; type: string } }[];
}
