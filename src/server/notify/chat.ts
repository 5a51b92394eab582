import { type OutboundMessage, subjectOf } from './message.js';
import { postJson } from './webhook.js';

/** A Slack incoming-webhook message: `text` for notifications, `blocks` with buttons. */
export function slackMessage(message: OutboundMessage) {
  return {
    text: subjectOf(message),
    blocks: message.incidents.flatMap((incident) => [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*<${incident.url}|${slackEscape(incident.ref)}>* ${slackEscape(incident.title)}\n${slackEscape(
            `${incident.severity} · ${incident.priority} · ${incident.reason}`,
          )}`,
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
  };
}

/** A Microsoft Teams incoming-webhook message carrying an Adaptive Card. */
export function teamsMessage(message: OutboundMessage) {
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
          body: [
            { type: 'TextBlock', text: subjectOf(message), weight: 'Bolder', size: 'Medium', wrap: true },
            ...message.incidents.map((incident) => ({
              type: 'TextBlock',
              text: `[${incident.ref}](${incident.url}) ${incident.title} — ${incident.severity} · ${incident.priority}`,
              wrap: true,
            })),
          ],
          actions: message.incidents.flatMap((incident) => [
            { type: 'Action.OpenUrl', title: `Acknowledge ${incident.ref}`, url: incident.ackUrl },
            { type: 'Action.OpenUrl', title: `Resolve ${incident.ref}`, url: incident.resolveUrl },
          ]),
        },
      },
    ],
  };
}

/** Post a page to a Slack incoming webhook. */
export function sendSlack(message: OutboundMessage): Promise<void> {
  return postJson(message.address, JSON.stringify(slackMessage(message)));
}

/** Post a page to a Microsoft Teams incoming webhook (or a Workflows webhook). */
export function sendTeams(message: OutboundMessage): Promise<void> {
  return postJson(message.address, JSON.stringify(teamsMessage(message)));
}

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
