import type { IntegrationType } from '../core/alerts/integration-types.js';

/** Where a sender sends the alerts of one integration: what it is, and the address. */
export interface InboundAddress {
  use: string;
  address: string;
}

/** The addresses senders of an integration of `type` use, at Beacon's `baseUrl`, with `key` in place. */
export function inboundAddresses(type: IntegrationType, baseUrl: string, key: string): InboundAddress[] {
  switch (type) {
    case 'alertmanager':
      return [
        {
          use: 'Prometheus / amtool (Alertmanager API)',
          address: `${baseUrl}/integrations/alertmanager/${key}`,
        },
        {
          use: 'Alertmanager or Grafana webhook',
          address: `${baseUrl}/integrations/alertmanager-webhook/${key}`,
        },
      ];
    case 'pagerduty':
      return [{ use: 'PagerDuty Events v2 (routing_key = the key)', address: `${baseUrl}/v2/enqueue` }];
    case 'opsgenie':
      return [{ use: 'Opsgenie Alert API (Authorization: GenieKey <key>)', address: `${baseUrl}/v2/alerts` }];
    case 'email':
      return [
        { use: 'raw mail (message/rfc822) over HTTP', address: `${baseUrl}/integrations/email/${key}` },
        { use: "mail to Beacon's SMTP listener", address: `${key}@${mailDomain(new URL(baseUrl).hostname)}` },
      ];
    case 'generic':
      return [{ use: 'Beacon events (Authorization: Bearer <key>)', address: `${baseUrl}/api/v1/events` }];
  }
}

/** The part after the @ for mail to `hostname`: an IP address goes in brackets (RFC 5321). */
function mailDomain(hostname: string): string {
  if (hostname.startsWith('[')) return `[IPv6:${hostname.slice(1, -1)}]`;
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) ? `[${hostname}]` : hostname;
}
