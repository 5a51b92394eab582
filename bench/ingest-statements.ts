/**
 * What Beacon's own /metrics says about the database work behind an ingest run: statements
 * sent (BEGIN and COMMIT included) and group-commit transactions with the alerts they wrote.
 */

/** Counters read from one scrape. */
export interface StatementCounters {
  statements: number;
  transactions: number;
  events: number;
}

/** Scrape `metricsUrl`; undefined when the server has no such metrics (an older Beacon). */
export async function readStatementCounters(metricsUrl: string): Promise<StatementCounters | undefined> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const statements = value('beacon_database_statements_total');
  if (statements === undefined) return undefined;
  return {
    statements,
    transactions: value('beacon_ingest_batch_events_count') ?? 0,
    events: value('beacon_ingest_batch_events_sum') ?? 0,
  };
}

/** Statements per alert and alerts per transaction between two scrapes. */
export function statementsBetween(
  before: StatementCounters | undefined,
  after: StatementCounters | undefined,
  alerts: number,
): { statementsPerAlert: number; alertsPerTransaction: number } | undefined {
  if (!before || !after || alerts === 0) return undefined;
  const transactions = after.transactions - before.transactions;
  return {
    statementsPerAlert: Math.round(((after.statements - before.statements) / alerts) * 100) / 100,
    alertsPerTransaction:
      transactions > 0 ? Math.round(((after.events - before.events) / transactions) * 10) / 10 : 0,
  };
}
