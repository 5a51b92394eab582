/** Copy-paste configuration for each integration type, built from Beacon's own address and the key. */
import type { IntegrationType } from '../../core/schemas/alerting.js';

// Copied from core/schemas/alerting.ts, which pulls zod into the bundle.
export const INTEGRATION_TYPES = ['alertmanager', 'pagerduty', 'opsgenie', 'generic', 'email'] as const;

/** Human name of each integration type. */
export const INTEGRATION_TYPE_LABELS: Record<IntegrationType, string> = {
  alertmanager: 'Prometheus / Alertmanager',
  pagerduty: 'PagerDuty Events v2',
  opsgenie: 'Opsgenie',
  generic: 'Beacon events (JSON)',
  email: 'Email',
};

/** What an integration type is for, shown under the type picker. */
export const INTEGRATION_TYPE_HINTS: Record<IntegrationType, string> = {
  alertmanager: 'Prometheus, Alertmanager, amtool and Grafana alerting.',
  pagerduty: 'Anything that already sends PagerDuty Events API v2.',
  opsgenie: 'Anything that already sends to the Opsgenie Alert API.',
  generic: 'Scripts and tools that can POST JSON.',
  email: 'Monitoring that can only send email.',
};

/** Shown instead of the key to people who may not see it. */
export const KEY_PLACEHOLDER = '<integration-key>';

/** One copy-paste snippet of a setup panel. */
export interface SetupSnippet {
  title: string;
  /** Where the snippet goes, one sentence. */
  note: string;
  code: string;
}

/** Parts of Beacon's address a snippet needs. */
export interface BeaconAddress {
  /** `https://beacon.example.com` (no trailing slash). */
  origin: string;
  scheme: 'http' | 'https';
  /** `beacon.example.com:443`: host and port, the port always present. */
  hostPort: string;
  hostname: string;
}

/** Read Beacon's address from a URL (in the browser: `window.location`). */
export function beaconAddress(url: string): BeaconAddress {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port || (scheme === 'https' ? '443' : '80');
  return {
    origin: parsed.origin,
    scheme,
    // An IPv6 hostname keeps its brackets in URL.hostname, as a target needs.
    hostPort: `${parsed.hostname}:${port}`,
    hostname: parsed.hostname,
  };
}

/** The part after the @ of an address at `hostname`: an IP address goes in brackets. */
function mailDomain(hostname: string): string {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[');
  if (!isIp) return hostname;
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `[IPv6:${bare}]` : `[${bare}]`;
}

/** Quote `value` for a POSIX shell in single quotes. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A curl command posting JSON, one option per line. */
function curl(url: string, headers: string[], body: unknown): string {
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    ...headers.map((h) => `  -H ${shellQuote(h)}`),
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n');
}

/**
 * The setup snippets of an integration of `type` reached at `address` with `key`; `smtpPort`
 * is the port of Beacon's SMTP listener for alert mail (null when it is off).
 */
export function setupSnippets(
  type: IntegrationType,
  address: BeaconAddress,
  key: string | null,
  smtpPort: number | null = null,
): SetupSnippet[] {
  const k = key ?? KEY_PLACEHOLDER;
  const { origin } = address;
  switch (type) {
    case 'alertmanager': {
      const apiUrl = `${origin}/integrations/alertmanager/${k}`;
      const webhookUrl = `${origin}/integrations/alertmanager-webhook/${k}`;
      return [
        {
          title: 'Prometheus (send alerts straight to Beacon)',
          note: 'Add to prometheus.yml; Beacon speaks the Alertmanager API v2, so Prometheus needs no Alertmanager.',
          code: [
            'alerting:',
            '  alertmanagers:',
            `    - scheme: ${address.scheme}`,
            `      path_prefix: /integrations/alertmanager/${k}`,
            '      static_configs:',
            `        - targets: ['${address.hostPort}']`,
          ].join('\n'),
        },
        {
          title: 'Alertmanager (webhook receiver)',
          note: 'Add to alertmanager.yml and route the alerts of this service to the receiver.',
          code: [
            'receivers:',
            '  - name: beacon',
            '    webhook_configs:',
            `      - url: ${webhookUrl}`,
            '        send_resolved: true',
          ].join('\n'),
        },
        {
          title: 'Alertmanager API v2 (curl)',
          note: 'Posts one alert as Prometheus does; send it again with "endsAt" set to now to resolve it.',
          code: curl(
            `${apiUrl}/api/v2/alerts`,
            [],
            [
              {
                labels: { alertname: 'HighCPU', instance: 'web-1', severity: 'critical' },
                annotations: { summary: 'CPU above 90% on web-1' },
              },
            ],
          ),
        },
        {
          title: 'amtool (send a test alert)',
          note: 'Fires a test alert; resolve it with the same labels and --end=now.',
          code: [
            `amtool --alertmanager.url=${apiUrl} \\`,
            `  alert add alertname=BeaconTest severity=warning instance=test-1 \\`,
            `  --annotation=summary='Test alert from amtool'`,
          ].join('\n'),
        },
        {
          title: 'Grafana alerting (webhook contact point)',
          note: 'Alerting → Contact points → New: integration “Webhook”, this URL, HTTP method POST.',
          code: webhookUrl,
        },
      ];
    }
    case 'pagerduty':
      return [
        {
          title: 'Alertmanager (PagerDuty receiver)',
          note: 'Point an existing pagerduty_configs receiver at Beacon: the routing key and url change.',
          code: [
            'receivers:',
            '  - name: beacon',
            '    pagerduty_configs:',
            `      - routing_key: ${k}`,
            `        url: ${origin}/v2/enqueue`,
          ].join('\n'),
        },
        {
          title: 'PagerDuty Events API v2 (curl)',
          note: `Any sender of Events v2: use ${origin}/v2/enqueue instead of events.pagerduty.com and this routing key.`,
          code: curl(`${origin}/v2/enqueue`, [], {
            routing_key: k,
            event_action: 'trigger',
            dedup_key: 'cpu-web-1',
            payload: { summary: 'CPU above 90% on web-1', source: 'web-1', severity: 'critical' },
          }),
        },
        {
          title: 'Change events (deploys)',
          note: 'Changes are shown on the service and on incidents that start soon after.',
          code: curl(`${origin}/v2/change/enqueue`, [], {
            routing_key: k,
            payload: { summary: 'Deployed checkout v2.4.1', source: 'ci' },
          }),
        },
      ];
    case 'opsgenie':
      return [
        {
          title: 'Alertmanager (Opsgenie receiver)',
          note: 'Point an existing opsgenie_configs receiver at Beacon: the API key and URL change.',
          code: [
            'receivers:',
            '  - name: beacon',
            '    opsgenie_configs:',
            `      - api_key: ${k}`,
            `        api_url: ${origin}/`,
          ].join('\n'),
        },
        {
          title: 'Opsgenie Alert API (curl)',
          note: `Any sender of the Opsgenie Alert API: use ${origin} instead of api.opsgenie.com and this key.`,
          code: curl(`${origin}/v2/alerts`, [`Authorization: GenieKey ${k}`], {
            message: 'CPU above 90% on web-1',
            alias: 'cpu-web-1',
            priority: 'P1',
          }),
        },
        {
          title: 'Close the alert',
          note: 'Closing by alias resolves the alert in Beacon.',
          code: curl(
            `${origin}/v2/alerts/cpu-web-1/close?identifierType=alias`,
            [`Authorization: GenieKey ${k}`],
            {},
          ),
        },
      ];
    case 'generic':
      return [
        {
          title: 'Trigger an alert (curl)',
          note: 'Events with the same dedupKey update one alert; severity is critical, error, warning or info.',
          code: curl(`${origin}/api/v1/events`, [`Authorization: Bearer ${k}`], {
            summary: 'CPU above 90% on web-1',
            severity: 'critical',
            dedupKey: 'cpu-web-1',
          }),
        },
        {
          title: 'Resolve it',
          note: 'Send action “resolve” (or “acknowledge”) with the same dedupKey.',
          code: curl(`${origin}/api/v1/events`, [`Authorization: Bearer ${k}`], {
            action: 'resolve',
            dedupKey: 'cpu-web-1',
          }),
        },
      ];
    case 'email': {
      const mailAddress = `${k}@${mailDomain(address.hostname)}`;
      const smtpTarget = `smtp://${address.hostname}:${smtpPort === null ? '<smtp-port>' : String(smtpPort)}`;
      return [
        {
          title: 'Email address',
          note: 'Send alerts to this address; the subject becomes the summary. It needs Beacon’s SMTP listener (BEACON_SMTP_LISTEN) with mail for this host routed to it; if mail arrives under another host name, put that after the @.',
          code: mailAddress,
        },
        {
          title: 'Send a test mail (curl)',
          note:
            smtpPort === null
              ? 'Beacon’s SMTP listener is off: set BEACON_SMTP_LISTEN (for example 0.0.0.0:2525) and put its port here.'
              : 'Delivers a mail straight to Beacon’s SMTP listener, as a mail relay would.',
          code: [
            `printf 'Subject: Disk almost full on db-1\\r\\n\\r\\nOnly 3%% left on /var.\\r\\n' | \\`,
            `  curl -sS ${shellQuote(smtpTarget)} \\`,
            `  --mail-from alerts@example.com --mail-rcpt ${shellQuote(mailAddress)} -T -`,
          ].join('\n'),
        },
        {
          title: 'Inbound-mail webhook',
          note: 'Or POST the raw message (RFC 5322, like a .eml file) to this URL, from a mail relay or script.',
          code: [
            `curl -X POST ${shellQuote(`${origin}/integrations/email/${k}`)} \\`,
            `  -H 'Content-Type: message/rfc822' \\`,
            `  --data-binary @alert.eml`,
          ].join('\n'),
        },
      ];
    }
  }
}
