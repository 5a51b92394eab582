import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_INTERNAL_TARGETS } from '../../core/net/address-policy.js';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import {
  startSlackReceiver,
  startTeamsReceiver,
} from '../../../test/support/server/engine/escalation/chat-receivers.js';
import {
  startSmtpSink,
  startWebhookReceiver,
} from '../../../test/support/server/engine/escalation/paging-test-helpers.js';
import {
  startNtfyReceiver,
  startPushoverReceiver,
} from '../../../test/support/server/engine/escalation/push-receivers.js';
import { TEST_OUTBOUND_ALLOW_LIST as allow } from '../../../test/support/outbound-allow.js';
import type { PageContext } from '../../core/schemas/page-context.js';
import { PHONE_CASES } from '../../../test/support/server/notify/phone-channel-cases.js';
import { type Channels, type MessageIncident, type OutboundMessage, createChannels } from './index.js';

// One contract for every outbound channel: the same cases run against email, webhook, Slack,
// Teams, ntfy and Pushover over real loopback receivers (a real SMTP server for email). A channel that throws has
// failed retryably: the notification sender records the error text and tries again later.

/** A running receiver for one channel, as the contract drives it. */
interface Receiver {
  /** Where messages go: the contact method's address. */
  address: string;
  /** The SMTP server email goes through (email only). */
  smtpUrl?: string;
  /** The contact method's own secret (ntfy access token, Pushover application token). */
  credential?: string;
  /** Every message received so far, as text (subject and body, or the posted JSON). */
  texts(): string[];
  /** From now on, refuse every message as the real service refuses (an error reply). */
  refuse(): void;
  close(): Promise<void>;
  /** Provider settings the channels need (Pushover, Twilio, Telegram: their API at the fake). */
  options?: ProviderOptions;
}

/** The provider settings of `createChannels`. */
type ProviderOptions = Pick<
  Parameters<typeof createChannels>[0],
  'twilio' | 'telegram' | 'baseUrl' | 'pushoverApiUrl'
>;

interface ChannelCase {
  channel: 'email' | 'webhook' | 'slack' | 'teams' | 'ntfy' | 'pushover' | 'sms' | 'voice' | 'telegram';
  /**
   * Whether a bundle lists every incident's own links. A push notification has room for a few
   * buttons only: it lists each incident and carries one "Acknowledge all" link instead.
   */
  isPush?: boolean;
  /**
   * What a page must carry of each incident (default: ref, title, page and one-click links).
   * SMS and calls are acknowledged by a reply or a key, Telegram by its buttons, not by links.
   */
  carried?: (incident: MessageIncident) => string[];
  /** How a page names an incident (default: its ref; a call says "Incident 12", not "INC-12"). */
  named?: (incident: MessageIncident) => string;
  /**
   * How a bundle offers to acknowledge all N, instead of the "Acknowledge all N" link (default).
   * An SMS is acknowledged by a reply ("Reply 4 ack all"), a call by a key ("Press 4").
   */
  ackAll?: (count: number) => RegExp;
  /**
   * Which facts of a page's context it carries (default: all). An SMS has one segment per
   * incident and a call is listened to: both carry the service and the alert summary.
   */
  facts?: readonly ResponderFact[];
  /** Whether the address is the URL posted to (false: a user key, phone number or chat at a provider's API). */
  isAddressUrl?: false;
  start(): Promise<Receiver>;
  /** What the error of a refused message says (the receiver's own answer). */
  refusal: RegExp;
  /** The address of a receiver that is not there, and the SMTP server to use. */
  unreachable(port: number): { address: string; smtpUrl?: string; options?: ProviderOptions };
}

const SECRET = 'contract-secret';

/** What a responder needs of CONTEXT (below), as a page shows it. */
const RESPONDER_FACTS = {
  service: ['checkout-api'],
  alert: ['Error rate above 5% on checkout'],
  labels: ['HighErrorRate', 'web-7'],
  links: ['https://runbooks.example/high-error-rate'],
  fired: ['02:52'],
  alsoPaged: ['Grace'],
  acknowledged: ['Linus'],
};
type ResponderFact = keyof typeof RESPONDER_FACTS;

const CASES: ChannelCase[] = [
  {
    channel: 'email',
    async start() {
      const sink = await startSmtpSink();
      return {
        address: 'ada@example.com',
        smtpUrl: sink.url,
        texts: () => sink.messages.map((mail) => `${mail.subject ?? ''}\n${mail.text ?? ''}`),
        refuse: () => {
          sink.isRejecting = true;
        },
        close: () => sink.close(),
      };
    },
    refusal: /550.*mailbox unavailable/,
    unreachable: (port) => ({ address: 'ada@example.com', smtpUrl: `smtp://127.0.0.1:${port}` }),
  },
  {
    channel: 'webhook',
    async start() {
      const receiver = await startWebhookReceiver(SECRET);
      return {
        address: receiver.url,
        texts: () => receiver.received.map((request) => JSON.stringify(request.body)),
        refuse: () => {
          receiver.state.isRefusing = true;
        },
        close: () => receiver.close(),
      };
    },
    refusal: /HTTP 503 from 127\.0\.0\.1:\d+: receiver is down for maintenance/,
    unreachable: (port) => ({ address: `http://127.0.0.1:${port}/hook` }),
  },
  ...(['slack', 'teams'] as const).map((channel): ChannelCase => ({
    channel,
    async start() {
      const receiver = await (channel === 'slack' ? startSlackReceiver() : startTeamsReceiver());
      return {
        address: receiver.url,
        texts: () => receiver.received.map((body) => JSON.stringify(body)),
        refuse: () => {
          receiver.isRevoked = true;
        },
        close: () => receiver.close(),
      };
    },
    refusal: /HTTP 404 from 127\.0\.0\.1:\d+: no_service/,
    unreachable: (port) => ({ address: `http://127.0.0.1:${port}/services/T000/B000/XXXX` }),
  })),
  {
    channel: 'ntfy',
    isPush: true,
    async start() {
      const ntfy = await startNtfyReceiver();
      const token = 'tk_contract0123456789abcdefghijk';
      ntfy.tokens.set('beacon-ada', token);
      return {
        address: `${ntfy.url}/beacon-ada`,
        credential: token,
        texts: () => ntfy.received.map((body) => JSON.stringify(body)),
        refuse: () => {
          ntfy.isLimited = true;
        },
        close: () => ntfy.close(),
      };
    },
    refusal: /HTTP 429 from 127\.0\.0\.1:\d+: .*too many requests/,
    unreachable: (port) => ({ address: `http://127.0.0.1:${port}/beacon-ada` }),
  },
  {
    channel: 'pushover',
    isPush: true,
    isAddressUrl: false,
    async start() {
      const pushover = await startPushoverReceiver();
      return {
        address: pushover.userKey,
        credential: pushover.appToken,
        options: { pushoverApiUrl: pushover.url },
        texts: () => pushover.received.map((fields) => JSON.stringify(fields)),
        refuse: () => {
          pushover.isOverLimit = true;
        },
        close: () => pushover.close(),
      };
    },
    refusal: /HTTP 429 from 127\.0\.0\.1:\d+: .*monthly message limit/,
    unreachable: (port) => ({
      address: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
      options: { pushoverApiUrl: `http://127.0.0.1:${port}` },
    }),
  },
  ...PHONE_CASES,
];

const ACK_ALL_URL = 'https://beacon.example/ack/ack-all-token';
const ACK_CALLBACK_URL = 'https://beacon.example/ack/ack-callback-token';

/** A page's context as the sender reads it: an alert-made incident one responder acknowledged. */
const CONTEXT: PageContext = {
  services: ['checkout-api'],
  alert: {
    summary: 'Error rate above 5% on checkout',
    labels: [
      ['alertname', 'HighErrorRate'],
      ['instance', 'web-7'],
    ],
    links: [{ label: 'Runbook', url: 'https://runbooks.example/high-error-rate' }],
  },
  firedAt: Date.parse('2026-01-02T02:52:00Z'),
  alsoPaged: ['Grace'],
  acknowledged: { by: 'Linus', at: Date.parse('2026-01-02T03:00:00Z') },
};

const incident = (n: number): MessageIncident => ({
  incidentId: n,
  ref: `INC-${n}`,
  title: `Checkout ${n} is down`,
  severity: 'SEV1',
  priority: 'P1',
  reason: 'triggered',
  key: `esc:${n}`,
  url: `https://beacon.example/incidents/INC-${n}`,
  ackUrl: `https://beacon.example/ack/ack-token-${n}`,
  resolveUrl: `https://beacon.example/ack/resolve-token-${n}`,
});

const notice: UpdateNotice = {
  kind: 'stakeholder_update',
  message: 'Payments are back; we are watching error rates.',
  status: 'mitigated',
  severity: 'SEV1',
  impact: 'high',
  priority: 'P1',
  author: 'Grace',
  at: '2026-01-02T03:04:05.000Z',
  isExternal: false,
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(CASES)('the $channel channel', (channelCase) => {
  let receiver: Receiver;
  let channels: Channels;
  const message = (to: { address: string }, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    channel: channelCase.channel,
    address: to.address,
    recipientName: 'Ada',
    secret: SECRET,
    credential: receiver.credential,
    now: Date.parse('2026-01-02T03:04:05Z'),
    incidents: [incident(1)],
    ackAllUrl: ACK_ALL_URL,
    ackCallbackUrl: ACK_CALLBACK_URL,
    ...extra,
  });

  beforeEach(async () => {
    receiver = await channelCase.start();
    channels = createChannels({
      smtpUrl: receiver.smtpUrl,
      smtpFrom: 'Beacon <beacon@localhost>',
      allow,
      ...receiver.options,
    });
  });
  afterEach(async () => {
    channels.close();
    await receiver.close();
  });

  it('delivers a page of several incidents with each one, its one-click links and Acknowledge all', async () => {
    await channels.send(message(receiver, { incidents: [incident(1), incident(2)] }));

    const [text, ...more] = receiver.texts();
    expect(more).toEqual([]);
    for (const n of [1, 2]) {
      const { ref, title, url, ackUrl, resolveUrl } = incident(n);
      const carried =
        channelCase.carried?.(incident(n)) ??
        (channelCase.isPush ? [ref, title] : [ref, title, url, ackUrl, resolveUrl]);
      for (const part of carried) expect(text).toContain(part);
    }
    if (channelCase.ackAll) {
      expect(text).toMatch(channelCase.ackAll(2));
      expect(text).not.toContain(ACK_ALL_URL);
      return;
    }
    expect(text).toContain(ACK_ALL_URL);
    // A webhook carries the link as `ackAllUrl`; people read the others' button or line.
    if (channelCase.channel !== 'webhook') expect(text).toMatch(/Acknowledge all 2/);
  });

  it('delivers a page of one incident without an Acknowledge all link', async () => {
    await channels.send(message(receiver));

    const [text] = receiver.texts();
    expect(text).toContain(channelCase.named?.(incident(1)) ?? 'INC-1');
    expect(text).not.toContain(ACK_ALL_URL);
    expect(text).not.toMatch(/Acknowledge all/);
    if (channelCase.ackAll) expect(text).not.toMatch(channelCase.ackAll(1));
  });

  it('carries what a responder needs: service, alert, labels, links, time fired, who else, who acknowledged', async () => {
    const withContext = { ...incident(1), context: CONTEXT };
    await channels.send(
      message(receiver, { incidents: [withContext, { ...incident(2), context: CONTEXT }] }),
    );

    const [text = ''] = receiver.texts();
    const facts = channelCase.facts ?? (Object.keys(RESPONDER_FACTS) as ResponderFact[]);
    expect(facts.length).toBeGreaterThan(0);
    for (const part of facts.flatMap((fact) => RESPONDER_FACTS[fact])) expect(text).toContain(part);
  });

  it('delivers a stakeholder update with its incident and message', async () => {
    await channels.send(message(receiver, { notice }));

    const [text, ...more] = receiver.texts();
    expect(more).toEqual([]);
    for (const part of ['INC-1', 'Checkout 1 is down', notice.message]) expect(text).toContain(part);
  });

  it("fails retryably when the receiver refuses, with the receiver's answer as the error", async () => {
    receiver.refuse();

    await expect(channels.send(message(receiver))).rejects.toThrow(channelCase.refusal);
    expect(receiver.texts()).toEqual([]);
  });

  it('fails retryably with the reason when the receiver cannot be reached', async () => {
    const nowhere = channelCase.unreachable(await closedPort());
    const unreachable = createChannels({
      smtpUrl: nowhere.smtpUrl,
      smtpFrom: 'Beacon <beacon@localhost>',
      allow,
      ...nowhere.options,
    });
    try {
      await expect(unreachable.send(message(nowhere))).rejects.toThrow(/ECONNREFUSED|fetch failed/);
    } finally {
      unreachable.close();
    }
  });
});

describe.each(CASES.filter((c) => c.channel !== 'email' && c.isAddressUrl !== false))(
  'the $channel channel by default (BEACON_OUTBOUND_ALLOW unset)',
  (channelCase) => {
    it('refuses a loopback receiver without connecting, saying why', async () => {
      const receiver = await channelCase.start();
      const channels = createChannels({
        smtpUrl: undefined,
        smtpFrom: 'Beacon <beacon@localhost>',
        allow: NO_INTERNAL_TARGETS,
      });
      try {
        const send = (address: string) =>
          channels.send({
            channel: channelCase.channel,
            address,
            recipientName: 'Ada',
            secret: SECRET,
            credential: receiver.credential,
            now: 0,
            incidents: [incident(1)],
          });
        await expect(send(receiver.address)).rejects.toThrow(
          'refused: 127.0.0.1 is a loopback address (set BEACON_OUTBOUND_ALLOW to allow it)',
        );
        const { port, pathname } = new URL(receiver.address);
        await expect(send(`http://localhost:${port}${pathname}`)).rejects.toThrow(
          /^refused: localhost resolves to/,
        );
        await expect(send(`http://[::ffff:127.0.0.1]:${port}${pathname}`)).rejects.toThrow(
          /^refused: ::ffff:7f00:1 is a loopback/,
        );
        expect(receiver.texts()).toEqual([]);
      } finally {
        channels.close();
        await receiver.close();
      }
    });
  },
);

describe.each(CASES.filter((c) => c.isAddressUrl === false))(
  "the $channel channel's provider API by default (BEACON_OUTBOUND_ALLOW unset)",
  (channelCase) => {
    it('goes through the outbound guard: a loopback API is refused without connecting', async () => {
      const receiver = await channelCase.start();
      const channels = createChannels({
        smtpUrl: undefined,
        smtpFrom: 'Beacon <beacon@localhost>',
        allow: NO_INTERNAL_TARGETS,
        ...receiver.options,
      });
      try {
        await expect(
          channels.send({
            channel: channelCase.channel,
            address: receiver.address,
            credential: receiver.credential,
            recipientName: 'Ada',
            secret: SECRET,
            now: 0,
            incidents: [incident(1)],
          }),
        ).rejects.toThrow('refused: 127.0.0.1 is a loopback address (set BEACON_OUTBOUND_ALLOW to allow it)');
        expect(receiver.texts()).toEqual([]);
      } finally {
        channels.close();
        await receiver.close();
      }
    });
  },
);

it('refuses a channel it does not know', async () => {
  const channels = createChannels({ smtpUrl: undefined, smtpFrom: 'Beacon <beacon@localhost>', allow });
  await expect(
    channels.send({
      channel: 'carrier-pigeon',
      address: 'coop 7',
      recipientName: null,
      secret: SECRET,
      now: 0,
      incidents: [incident(1)],
    }),
  ).rejects.toThrow('unknown channel carrier-pigeon');
});
