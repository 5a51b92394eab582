import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './audit-change.js';

describe('audit entries without secrets', () => {
  it('leaves out secret-looking fields at any depth, and keeps the rest', () => {
    expect(
      withoutSecrets({
        name: 'Ops webhook',
        secret: 's3cr3t',
        config: { url: 'https://example.com', headers: [{ authorization: 'Bearer x', accept: 'json' }] },
        key: 'integration-key',
        apiKey: 'k',
        newPassword: 'p',
        icalToken: 't',
        keyPrefix: 'bk_12',
      }),
    ).toEqual({
      name: 'Ops webhook',
      config: { url: 'https://example.com', headers: [{ accept: 'json' }] },
      keyPrefix: 'bk_12',
    });
  });
});
