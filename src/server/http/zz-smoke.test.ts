import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/test-database.js';
import { useApiHarness } from '../testing/api-harness.js';

describeEachDialect('smoke', (dialect) => {
  const api = useApiHarness(dialect);
  it('declares', async () => {
    const r = await api().call('POST', '/api/v1/incidents', { body: { title: 'x' } });
    console.log(r.statusCode, r.headers, r.body);
    const bad = await api().call('POST', '/api/v1/incidents', { body: { title: '' } });
    console.log(bad.statusCode, bad.headers['content-type'], bad.body);
    const o = await api().call('GET', '/api/v1/openapi.json');
    const doc = o.json();
    console.log(doc.openapi, Object.entries(doc.paths).map(([p, v]) => p + ' ' + Object.keys(v as object).join(',')).join('\n'));
    console.log(api().app.printRoutes({ commonPrefix: false }));
    expect(r.statusCode).toBe(201);
  });
});
