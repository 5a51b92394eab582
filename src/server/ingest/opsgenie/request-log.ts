/** What became of one Opsgenie request, as `GET /v2/alerts/requests/{requestId}` reports it. */
export interface OpsgenieRequestStatus {
  integrationId: number;
  action: 'Create' | 'Close' | 'Acknowledge';
  processedAt: number;
  isSuccess: boolean;
  status: string;
  alertId: string;
  alias: string;
}

/**
 * The most recent Opsgenie requests of this process (a bounded, least-recently-added log).
 * With several Beacon processes a request is known only to the one that served it.
 */
export class OpsgenieRequestLog {
  private readonly entries = new Map<string, OpsgenieRequestStatus>();

  constructor(private readonly capacity = 10_000) {}

  /** Remember a request's outcome, forgetting the oldest beyond capacity. */
  record(requestId: string, status: OpsgenieRequestStatus): void {
    this.entries.set(requestId, status);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** A request's outcome, if it is still remembered. */
  get(requestId: string): OpsgenieRequestStatus | undefined {
    return this.entries.get(requestId);
  }
}
