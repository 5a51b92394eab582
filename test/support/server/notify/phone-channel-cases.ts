import { KEY_FOR } from '../../../../src/core/phone/phone-reply.js';
import type { MessageIncident } from '../../../../src/server/notify/index.js';
import { startTelegramFake, TELEGRAM_TOKEN } from './telegram-fake.js';
import { startTwilioFake, TWILIO_FROM, TWILIO_SID, TWILIO_TOKEN } from './twilio-fake.js';

// The SMS, voice and Telegram cases of notify/channels.contract.test.ts: each channel against
// its provider's loopback fake, which takes only the documented request format. An SMS and a
// call are acknowledged by a reply or a key, for a bundle all of it ("Reply 4", "press 4"),
// and carry the service and alert summary of a page's context; Telegram carries all of it.

const BASE_URL = 'https://beacon.example';
const twilioAt = (apiUrl: string) => ({
  twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, from: TWILIO_FROM, apiUrl },
  baseUrl: BASE_URL,
});
const telegramAt = (apiUrl: string) => ({
  telegram: { botToken: TELEGRAM_TOKEN, webhookSecret: 'telegram-webhook-secret', apiUrl },
});

const twilioCase = (channel: 'sms' | 'voice') => ({
  channel,
  isAddressUrl: false as const,
  named: (incident: MessageIncident) =>
    channel === 'sms' ? incident.ref : incident.ref.replace('INC-', 'Incident '),
  ackAll: (count: number) =>
    channel === 'sms'
      ? new RegExp(`${count} incidents\\. Reply ${KEY_FOR.ack} ack all`)
      : new RegExp(`${count} incidents need you\\..*Press ${KEY_FOR.ack} to acknowledge all`),
  facts: ['service', 'alert'] as const,
  carried: (incident: MessageIncident) =>
    channel === 'sms'
      ? [incident.ref, incident.title]
      : [
          incident.title,
          incident.ref.replace('INC-', 'Incident '),
          `${BASE_URL}/integrations/twilio/voice?incidents=`,
        ],
  async start() {
    const fake = await startTwilioFake();
    const resource = channel === 'sms' ? 'Messages' : 'Calls';
    return {
      address: '+15551230001',
      options: twilioAt(fake.url),
      texts: () =>
        fake.accepted
          .filter((request) => request.resource === resource)
          .map((request) => (channel === 'sms' ? (request.params.Body ?? '') : (request.params.Twiml ?? ''))),
      refuse: () => {
        fake.isRefusingNumbers = true;
      },
      close: () => fake.close(),
    };
  },
  refusal: /^HTTP 400 from Twilio: 21211 The 'To' number \+15551230001 is not a valid phone number\.$/,
  unreachable: (port: number) => ({ address: '+15551230001', options: twilioAt(`http://127.0.0.1:${port}`) }),
});

/** The contract's cases for the channels that go through a provider's API. */
export const PHONE_CASES = [
  twilioCase('sms'),
  twilioCase('voice'),
  {
    channel: 'telegram' as const,
    isAddressUrl: false as const,
    carried: (incident: MessageIncident) => [
      incident.ref,
      incident.title,
      incident.url,
      `ack:${incident.incidentId}`,
      `resolve:${incident.incidentId}`,
    ],
    async start() {
      const fake = await startTelegramFake();
      return {
        address: '424242',
        options: telegramAt(fake.url),
        texts: () =>
          fake.sent.map((message) => `${message.text}\n${message.html}\n${JSON.stringify(message.keyboard)}`),
        refuse: () => {
          fake.isRefusingChats = true;
        },
        close: () => fake.close(),
      };
    },
    refusal: /^HTTP 400 from Telegram sendMessage: Bad Request: chat not found$/,
    unreachable: (port: number) => ({ address: '424242', options: telegramAt(`http://127.0.0.1:${port}`) }),
  },
];
