import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';

function directives(res: LightMyRequestResponse): Map<string, string> {
  const header = res.headers['content-security-policy'] ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

function expectCommonHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(directives(res).get('frame-ancestors')).toBe("'none'");
}

describeEachDialect('security headers over http', (dialect) => {
  const api = useApiHarness(dialect);

  it('the UI, the API and its errors get the UI policy: no inline scripts, no framing, no HSTS', async () => {
    for (const url of ['/', '/incidents/INC-1', '/api/v1/incidents', '/api/v1/nothing-here']) {
      const res = await api().call('GET', url);
      expectCommonHeaders(res);
      const csp = directives(res);
      expect(csp.get('script-src'), url).toBe("'self'");
      expect(csp.get('script-src-attr')).toBe("'none'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // The built UI must keep working under that policy: no inline script or style element.
    const index = (await api().call('GET', '/')).body;
    expect(index).toMatch(/<script type="module" crossorigin src="\/assets\//);
    expect(index).not.toMatch(/<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=/);
  });

  it('one-click pages allow exactly their own inline style, nothing else', async () => {
    const res = await api().call('GET', '/ack/not-a-token', { as: null });
    expect(res.statusCode).toBe(404);
    expectCommonHeaders(res);
    const css = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = directives(res);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('style-src')).toBe(`'sha256-${hash}'`);
    expect(csp.get('form-action')).toBe("'self'");
    expect(res.body).not.toMatch(/<script|style="/);
  });

  it('Swagger UI gets its own policy with inline styles and no inline scripts', async () => {
    const res = await api().call('GET', '/api/docs', { as: null });
    expect(res.statusCode).toBe(200);
    const csp = directives(res);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });
});

describe('security headers over https', () => {
  const api = useApiHarness('sqlite', { BEACON_BASE_URL: 'https://beacon.example.com' });

  it('add HSTS and upgrade insecure requests', async () => {
    for (const url of ['/', '/api/v1/incidents', '/ack/not-a-token']) {
      const res = await api().call('GET', url);
      expectCommonHeaders(res);
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
    expect(directives(await api().call('GET', '/')).has('upgrade-insecure-requests')).toBe(true);
  });
});
