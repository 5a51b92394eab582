import { expect, it } from 'vitest';
import { isTwilioSignatureValid, twilioSignature } from './signature.js';

// The example of Twilio's security documentation (https://www.twilio.com/docs/usage/security).
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: Array<[string, string]> = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+12349013030'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['To', '+18005551212'],
];
const TOKEN = '12345';
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

it("matches Twilio's documented example, whatever the order the parameters came in", () => {
  expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(EXPECTED);
  expect(twilioSignature(TOKEN, URL, [...PARAMS].reverse())).toBe(EXPECTED);
  expect(isTwilioSignatureValid(TOKEN, URL, PARAMS, EXPECTED)).toBe(true);
});

it('refuses a missing signature, another URL, another token or a changed parameter', () => {
  expect(isTwilioSignatureValid(TOKEN, URL, PARAMS, undefined)).toBe(false);
  expect(isTwilioSignatureValid(TOKEN, URL.replace('https', 'http'), PARAMS, EXPECTED)).toBe(false);
  expect(isTwilioSignatureValid('54321', URL, PARAMS, EXPECTED)).toBe(false);
  const changed: Array<[string, string]> = PARAMS.map(([name, value]) => [
    name,
    name === 'Digits' ? '4' : value,
  ]);
  expect(isTwilioSignatureValid(TOKEN, URL, changed, EXPECTED)).toBe(false);
});
