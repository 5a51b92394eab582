import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';
import * as foundation from './001-foundation.js';
import * as detection from './002-detection.js';
import * as oncall from './003-oncall.js';
import * as response from './004-response.js';
import * as alertHistoryIndex from './005-alert-history-index.js';
import * as webhookSubscriptions from './006-webhook-subscriptions.js';
import * as stakeholders from './007-stakeholders.js';
import * as integrationKeyHashes from './008-integration-key-hashes.js';
import * as signInSecurity from './009-sign-in-security.js';
import * as pagingRecord from './011-paging-record.js';
import * as deliveryFailures from './012-delivery-failures.js';
import * as pushContactMethods from './013-push-contact-methods.js';
import * as accountLinks from './015-account-links.js';
import * as gettingStarted from './016-getting-started.js';
import * as statusPage from './017-status-page.js';
import * as customerReports from './018-customer-reports.js';
import * as statusSubscribers from './019-status-subscribers.js';
import * as resolutionFollowUps from './020-resolution-follow-ups.js';
import * as incidentReviews from './021-incident-reviews.js';
import * as triageRules from './022-triage-rules.js';
import * as recurrences from './023-recurrences.js';
import * as reliabilityMetrics from './024-reliability-metrics.js';
import * as metricWeeks from './025-metric-weeks.js';
import * as componentUpdates from './027-component-updates.js';
import * as importLinks from './028-import-links.js';
import * as pushoverReceipts from './030-pushover-receipts.js';
import * as keyedIpHashes from './031-keyed-ip-hashes.js';
import * as loadRollups from './032-load-rollups.js';
import * as similarityFeatures from './033-similarity-features.js';

interface DialectMigration {
  up(db: Kysely<Database>, dialect: StoreDialect): Promise<void>;
}

/** The one migration history, in order; the same steps run on every dialect. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '001-foundation': foundation,
  '002-detection': detection,
  '003-oncall': oncall,
  '004-response': response,
  '005-alert-history-index': alertHistoryIndex,
  '006-webhook-subscriptions': webhookSubscriptions,
  '007-stakeholders': stakeholders,
  '008-integration-key-hashes': integrationKeyHashes,
  '009-sign-in-security': signInSecurity,
  '011-paging-record': pagingRecord,
  '012-delivery-failures': deliveryFailures,
  '013-push-contact-methods': pushContactMethods,
  '015-account-links': accountLinks,
  '016-getting-started': gettingStarted,
  '017-status-page': statusPage,
  '018-customer-reports': customerReports,
  '019-status-subscribers': statusSubscribers,
  '020-resolution-follow-ups': resolutionFollowUps,
  '021-incident-reviews': incidentReviews,
  '022-triage-rules': triageRules,
  '023-recurrences': recurrences,
  '024-reliability-metrics': reliabilityMetrics,
  '025-metric-weeks': metricWeeks,
  '027-component-updates': componentUpdates,
  '028-import-links': importLinks,
  '030-pushover-receipts': pushoverReceipts,
  '031-keyed-ip-hashes': keyedIpHashes,
  '032-load-rollups': loadRollups,
  '033-similarity-features': similarityFeatures,
};

/** Kysely migration provider that hands each step the dialect it runs on. */
export class BeaconMigrations implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const entries = Object.entries(MIGRATIONS).map(([name, migration]) => [
      name,
      { up: (db: Kysely<unknown>) => migration.up(db as Kysely<Database>, this.dialect) },
    ]);
    return Promise.resolve(Object.fromEntries(entries) as Record<string, Migration>);
  }
}
