import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { slackEscape, teamsEscape } from './chat-escape.js';
import { type MessageIncident, type OutboundMessage, ackAllOf, subjectOf } from './message.js';
import { pageFacts, pageLinks } from './page-facts.js';
import { noticeChatLine, noticeOf, noticeSubject } from './notice-message.js';
import { postJson } from './webhook.js';

// Chat apps cap the size of a message (Slack: 50 blocks, 3,000 characters per section; Teams:
// about 28 KB per card), so a large burst lists the first incidents and counts the rest.

/** Incidents listed in one Slack message (two blocks each, within Slack's 50 blocks). */
export const SLACK_MAX_INCIDENTS = 20;
/** Incidents listed in one Teams card (each with its own action set, well within 28 KB). */
export const TEAMS_MAX_INCIDENTS = 10;
/** Bytes of a Teams card with facts; above it, the card lists the incidents without them. */
const TEAMS_MAX_BYTES = 24 * 1024;
const MAX_TITLE = 500;
/** Characters of one fact (an alert summary, labels) in a chat message. */
const MAX_FACT = 200;
/** Characters of one Slack section (Slack allows 3,000). */
const SLACK_MAX_SECTION = 2_900;

/** A Slack incoming-webhook message: `text` for notifications, `blocks` with buttons. */
export function slackMessage(message: OutboundMessage) {
  const notice = noticeOf(message);
  if (notice) {
    const text = noticeChatLine(notice, { link: (url, label) => `<${url}|${label}>`, escape: slackEscape });
    return {
      text: slackEscape(noticeSubject(notice)),
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_MAX_SECTION) } }],
    };
  }
  const shown = message.incidents.slice(0, SLACK_MAX_INCIDENTS);
  const rest = message.incidents.length - shown.length;
  const ackAll = ackAllOf(message);
  return {
    text: slackEscape(subjectOf(message)),
    blocks: [
      ...(ackAll
        ? [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  text: { type: 'plain_text', text: `Acknowledge all ${message.incidents.length}` },
                  url: ackAll,
                  style: 'primary',
                },
              ],
            },
          ]
        : []),
      ...shown.flatMap((incident) => [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: clip(
              `*<${incident.url}|${slackEscape(incident.ref)}>* ${slackEscape(clip(incident.title))}\n${slackEscape(
                `${incident.severity} · ${incident.priority} · ${incident.reason}`,
              )}${slackContext(incident, message.now)}`,
              SLACK_MAX_SECTION,
            ),
          },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Acknowledge' },
              url: incident.ackUrl,
              style: 'primary',
            },
            { type: 'button', text: { type: 'plain_text', text: 'Resolve' }, url: incident.resolveUrl },
          ],
        },
      ]),
      ...(rest > 0
        ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${rest} more ${plural(rest)}.` }] }]
        : []),
    ],
  };
}

/** The facts and links of an incident as Slack mrkdwn lines (empty without a context). */
function slackContext(incident: MessageIncident, now: number): string {
  const facts = pageFacts(incident.context, now).map(
    (fact) => `\n*${slackEscape(fact.label)}:* ${slackEscape(clip(fact.value, MAX_FACT))}`,
  );
  const links = pageLinks(incident.context).map((link) => `<${link.url}|${slackEscape(link.label)}>`);
  return facts.join('') + (links.length > 0 ? `\n${links.join(' · ')}` : '');
}

/** A Microsoft Teams incoming-webhook (or Workflows) message carrying an Adaptive Card. */
export function teamsMessage(message: OutboundMessage) {
  const card = teamsPage(message, true);
  // Facts make a card of ten incidents with long alert text pass Teams' 28 KB: drop them then.
  return JSON.stringify(card).length <= TEAMS_MAX_BYTES ? card : teamsPage(message, false);
}

function teamsPage(message: OutboundMessage, hasFacts: boolean) {
  const notice = noticeOf(message);
  if (notice)
    return teamsCard([
      {
        type: 'TextBlock',
        text: noticeChatLine(notice, { link: (url, label) => `[${label}](${url})`, escape: teamsEscape }),
        wrap: true,
      },
    ]);
  const shown = message.incidents.slice(0, TEAMS_MAX_INCIDENTS);
  const rest = message.incidents.length - shown.length;
  const ackAll = ackAllOf(message);
  return teamsCard([
    {
      type: 'TextBlock',
      text: teamsEscape(subjectOf(message)),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
    ...(ackAll
      ? [
          {
            type: 'ActionSet',
            actions: [
              { type: 'Action.OpenUrl', title: `Acknowledge all ${message.incidents.length}`, url: ackAll },
            ],
          },
        ]
      : []),
    ...shown.map((incident) =>
      teamsIncident(hasFacts ? incident : { ...incident, context: undefined }, message.now),
    ),
    ...(rest > 0
      ? [
          {
            type: 'TextBlock',
            text: `…and ${rest} more ${plural(rest)}.`,
            isSubtle: true,
            wrap: true,
          },
        ]
      : []),
  ]);
}

/** A Teams message carrying one Adaptive Card (1.4) with `body`. */
function teamsCard(body: unknown[]) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
        },
      },
    ],
  };
}

function teamsIncident(incident: MessageIncident, now: number) {
  const facts = pageFacts(incident.context, now);
  const links = pageLinks(incident.context);
  return {
    type: 'Container',
    separator: true,
    items: [
      {
        type: 'TextBlock',
        text: `[${teamsEscape(incident.ref)}](${incident.url}) ${teamsEscape(clip(incident.title))}`,
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: `${incident.severity} · ${incident.priority} · ${incident.reason}`,
        isSubtle: true,
        wrap: true,
      },
      ...(facts.length > 0
        ? [
            {
              type: 'FactSet',
              facts: facts.map((fact) => ({
                title: fact.label,
                value: teamsEscape(clip(fact.value, MAX_FACT)),
              })),
            },
          ]
        : []),
      ...(links.length > 0
        ? [
            {
              type: 'TextBlock',
              text: links.map((link) => `[${teamsEscape(link.label)}](${link.url})`).join(' · '),
              wrap: true,
            },
          ]
        : []),
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.OpenUrl', title: 'Acknowledge', url: incident.ackUrl },
          { type: 'Action.OpenUrl', title: 'Resolve', url: incident.resolveUrl },
        ],
      },
    ],
  };
}

/** Post a page to a Slack incoming webhook. */
export function sendSlack(message: OutboundMessage, allow: OutboundAllowList): Promise<void> {
  return postJson(message.address, JSON.stringify(slackMessage(message)), allow);
}

/** Post a page to a Microsoft Teams incoming webhook (or a Workflows webhook). */
export function sendTeams(message: OutboundMessage, allow: OutboundAllowList): Promise<void> {
  return postJson(message.address, JSON.stringify(teamsMessage(message)), allow);
}

function clip(text: string, max = MAX_TITLE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plural(count: number): string {
  return count === 1 ? 'incident' : 'incidents';
}
