import { FOLLOW_UPS_MARKER, escapeInline } from './follow-ups-block.js';
import { keyEvents } from './key-events.js';
import type { ReviewFacts } from './review-facts.js';
import { REVIEW_SECTIONS, type ReviewSectionId } from './review-sections.js';
import { ZonedClockFace, durationBetween, formatDuration } from './review-time.js';
import { lessonsOf } from './review-lessons.js';

const TO_WRITE = '_To be written._';

/** The whole review drafted from the incident's facts: every section, in order, as Markdown. */
export function draftReview(facts: ReviewFacts): string {
  const title = `# ${facts.incident.ref}: ${escapeInline(facts.incident.title)} — post-incident review`;
  return [title, ...REVIEW_SECTIONS.map((s) => draftSection(facts, s.id))].join('\n\n') + '\n';
}

/** One section (its `##` heading and text) drafted from the facts. */
export function draftSection(facts: ReviewFacts, id: ReviewSectionId): string {
  const heading = REVIEW_SECTIONS.find((s) => s.id === id)?.heading ?? id;
  return `## ${heading}\n\n${SECTION_TEXT[id](facts).trim()}`;
}

const SECTION_TEXT: Record<ReviewSectionId, (facts: ReviewFacts) => string> = {
  summary,
  impact,
  timeline,
  root_cause: rootCause,
  detection,
  response,
  went_well: (facts) => bullets(lessonsOf(facts).wentWell, '_Add what helped._'),
  went_badly: (facts) => bullets(lessonsOf(facts).wentBadly, '_Add what slowed the response down._'),
  lucky: () => '_Add what could have made this worse, and what kept it from happening._',
  follow_ups: () => FOLLOW_UPS_MARKER,
};

function summary(facts: ReviewFacts): string {
  const { incident, resolution } = facts;
  const face = new ZonedClockFace(facts.timeZone);
  const facts_ = [
    `**Severity** ${incident.severity} · **Priority** ${incident.priority}`,
    incident.category ? `**Category** ${escapeInline(incident.category)}` : null,
    `**Status** ${incident.status}`,
  ].filter((x) => x !== null);
  const end = incident.resolvedAt;
  const span =
    end === null
      ? `Impact began ${face.dateTime(incident.startedAt)} and had not ended when this was drafted.`
      : `Impact began ${face.dateTime(incident.startedAt)} and lasted ${formatDuration(end - incident.startedAt)} until it was resolved at ${face.dateTime(end)}.`;
  const services =
    incident.services.length > 0
      ? `Affected services: ${incident.services.map(escapeInline).join(', ')}.`
      : 'No services were named as affected.';
  const commander = incident.commander ? ` ${escapeInline(incident.commander)} led the response.` : '';
  return [
    facts_.join(' · '),
    incident.summary.trim() ? escapeInline(incident.summary) : null,
    `${span} ${services}${commander}`,
    resolution.summary ? `**Resolution:** ${escapeInline(resolution.summary)}` : null,
  ]
    .filter((x) => x !== null)
    .join('\n\n');
}

function impact(facts: ReviewFacts): string {
  const { incident, resolution, reports, updates } = facts;
  const lines: string[] = [];
  lines.push(resolution.customerImpact ? escapeInline(resolution.customerImpact) : TO_WRITE);
  const mitigated = durationBetween(incident.startedAt, incident.mitigatedAt);
  const resolved = durationBetween(incident.startedAt, incident.resolvedAt);
  const stats = [
    mitigated === null ? null : `- Customers were affected for ${formatDuration(mitigated)} until mitigation`,
    resolved === null ? null : `- ${formatDuration(resolved)} from impact to resolution`,
    plural(reports.count, 'customer report', 'linked'),
    plural(updates.filter((u) => u.kind === 'public').length, 'public update', 'on the status page'),
    incident.services.length > 0 ? `- Services: ${incident.services.map(escapeInline).join(', ')}` : null,
  ].filter((x) => x !== null);
  return [...lines, stats.join('\n')].join('\n\n');
}

function timeline(facts: ReviewFacts): string {
  const face = new ZonedClockFace(facts.timeZone);
  let lastDate = '';
  const lines = keyEvents(facts).map((event) => {
    const date = face.date(event.at);
    const when = date === lastDate ? face.time(event.at) : `${date} ${face.time(event.at)}`;
    lastDate = date;
    return `- **${when}** ${event.text}`;
  });
  return `All times ${facts.timeZone} (${face.zone(facts.incident.startedAt)}).\n\n${lines.join('\n')}`;
}

function rootCause(facts: ReviewFacts): string {
  const r = facts.resolution;
  const parts = [
    r.rootCauseCategory ? `**Category:** ${escapeInline(r.rootCauseCategory)}` : null,
    r.rootCause ? escapeInline(r.rootCause) : TO_WRITE,
    r.contributingFactors.length > 0
      ? `**Contributing factors:**\n\n${r.contributingFactors.map((f) => `- ${escapeInline(f)}`).join('\n')}`
      : '**Contributing factors:** _add what made this possible or worse._',
    r.fix ? `**Fix:** ${escapeInline(r.fix)}` : null,
    r.workaround ? `**Workaround:** ${escapeInline(r.workaround)}` : null,
  ];
  return parts.filter((x) => x !== null).join('\n\n');
}

function detection(facts: ReviewFacts): string {
  const { incident, alerts, reports } = facts;
  const face = new ZonedClockFace(facts.timeZone);
  const ttd = durationBetween(incident.startedAt, incident.detectedAt) ?? 0;
  const how = howDetected(facts);
  const parts = [`Detected ${formatDuration(ttd)} after impact began, ${how}.`];
  if (alerts.length > 0) {
    const rows = alerts.map(
      (a) =>
        `| ${escapeInline(a.summary)} | ${escapeInline(a.service)} | ${a.severity} | ${face.dateTime(a.firstAt)} | ${face.dateTime(a.lastAt)} | ${String(a.events)} |`,
    );
    parts.push(
      [
        '| Alert | Service | Severity | First | Last | Events |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  } else parts.push('No alerts were attached to this incident.');
  if (reports.firstAt !== null && reports.firstAt <= incident.detectedAt) {
    parts.push('A customer reported the problem before Beacon recorded it as detected.');
  }
  return parts.join('\n\n');
}

function howDetected(facts: ReviewFacts): string {
  const first = [...facts.alerts].sort((a, b) => a.firstAt - b.firstAt)[0];
  if (first) return `by the alert “${escapeInline(first.summary)}” on ${escapeInline(first.service)}`;
  if (facts.reports.firstAt !== null && facts.reports.firstAt <= facts.incident.detectedAt + 60_000)
    return 'from customer reports';
  const declared = facts.timeline.find((l) => l.kind === 'declared');
  return declared && declared.actor.type === 'user'
    ? `when ${escapeInline(declared.actor.name)} declared it by hand`
    : 'when the incident was opened';
}

function response(facts: ReviewFacts): string {
  const { incident, pages, updates } = facts;
  const face = new ZonedClockFace(facts.timeZone);
  const row = (name: string, from: number | null, to: number | null) => {
    const d = durationBetween(from, to);
    return `| ${name} | ${d === null ? '—' : formatDuration(d)} | ${to === null ? '—' : face.dateTime(to)} |`;
  };
  const table = [
    '| Measure | Duration | At |',
    '| --- | --- | --- |',
    row('Time to detect (from impact)', incident.startedAt, incident.detectedAt),
    row('Time to acknowledge (from detection)', incident.detectedAt, incident.acknowledgedAt),
    row('Time to mitigate (from impact)', incident.startedAt, incident.mitigatedAt),
    row('Time to resolve (from impact)', incident.startedAt, incident.resolvedAt),
  ].join('\n');
  const acks = facts.timeline.filter((l) => l.kind === 'acknowledged');
  const ackText =
    acks.length > 0
      ? `Acknowledged by ${acks.map((a) => `${escapeInline(a.actor.name)} at ${face.dateTime(a.at)}`).join(', ')}.`
      : 'Nobody acknowledged the incident.';
  const pageText =
    pages.length > 0
      ? `**Pages sent:**\n\n${[...pages]
          .sort((a, b) => a.at - b.at)
          .map(
            (p) =>
              `- ${escapeInline(p.user)} at ${face.dateTime(p.at)}${p.channel ? ` by ${p.channel}` : ''}${p.delivery ? ` (${p.delivery})` : ''}`,
          )
          .join('\n')}`
      : 'Nobody was paged.';
  const counts = (['status', 'stakeholder', 'public'] as const).map((kind) => {
    const n = updates.filter((u) => u.kind === kind).length;
    return `${String(n)} ${kind} update${n === 1 ? '' : 's'}`;
  });
  const firstPublic = updates.filter((u) => u.kind === 'public').sort((a, b) => a.at - b.at)[0];
  const publicText = firstPublic
    ? ` The first public update went out ${formatDuration(Math.max(0, firstPublic.at - incident.detectedAt))} after detection.`
    : '';
  const commander = incident.commander ? `${escapeInline(incident.commander)} was the commander. ` : '';
  return [
    table,
    `${commander}${ackText}`,
    pageText,
    `Communication: ${counts.join(', ')}.${publicText}`,
  ].join('\n\n');
}

function plural(n: number, noun: string, tail: string): string {
  return `- ${String(n)} ${noun}${n === 1 ? '' : 's'} ${tail}`;
}

function bullets(items: readonly string[], empty: string): string {
  return items.length === 0 ? empty : items.map((item) => `- ${item}`).join('\n');
}
