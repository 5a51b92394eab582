import type { KyselyPlugin } from 'kysely';
import type { StoreDialect } from '../../../src/server/store/dialects/dialect.js';
import { Store, dialectFor } from '../../../src/server/store/store.js';

/** A second store on a test database that counts every query run through it (transactions too). */
export function openCountingStore(
  databaseUrl: string,
  options: { schema?: string } = {},
): { store: Store; queries(): number } {
  let count = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const dialect = dialectFor(databaseUrl, options);
  // The dialect as it is, except that its connection carries the counter.
  const counting = Object.create(dialect, {
    open: { value: () => dialect.open().withPlugin(counter) },
  }) as StoreDialect;
  return { store: new Store(counting), queries: () => count };
}
