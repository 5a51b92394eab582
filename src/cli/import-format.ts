import type { ImportResult, ImportedIntegration, ScheduleComparison } from '../core/schemas/import.js';
import { formatTable } from './format-table.js';
import { inboundAddresses } from './integration-urls.js';
import { writeLine } from './output.js';

/** The plan as a table: one line per item, what is (or was) done and why. */
export function formatPlan(result: ImportResult): string {
  const counts = { create: 0, update: 0, skip: 0 };
  for (const item of result.items) counts[item.action]++;
  const table = formatTable(result.items, [
    { header: 'ACTION', value: (i) => i.action },
    { header: 'KIND', value: (i) => i.kind.replace('_', ' ') },
    { header: 'NAME', value: (i) => i.name, maxWidth: 40 },
    { header: 'ID', value: (i) => (i.beaconId === null ? '' : String(i.beaconId)), align: 'right' },
    { header: 'WHY / NOTES', value: (i) => [i.reason, ...i.notes].filter(Boolean).join('; ') },
  ]);
  const verb = result.applied ? 'applied' : 'planned (dry run: nothing changed; add --apply to carry it out)';
  return `${table}\n\n${counts.create} to create, ${counts.update} to update, ${counts.skip} skipped: ${verb}`;
}

function formatIntegration(integration: ImportedIntegration, baseUrl: string): string {
  const title = `${integration.service} / ${integration.name} (${integration.sourceType})`;
  if (integration.beaconType === null)
    return `${title}\n  not imported: Beacon takes no alerts in this format`;
  const old = `  old: ${integration.oldAddress ?? '?'}${integration.oldKey ? `  key ${integration.oldKey}` : ''}`;
  if (integration.beaconId === null) return `${title}\n${old}\n  new: made by --apply (key shown once, then)`;
  if (integration.key === null) {
    const prefix = integration.keyPrefix === null ? '' : ` beginning ${integration.keyPrefix}`;
    return `${title}\n${old}\n  new: integration ${integration.beaconId}, imported earlier (its key${prefix} was shown then)`;
  }
  const addresses = inboundAddresses(
    integration.beaconType as Parameters<typeof inboundAddresses>[0],
    baseUrl,
    integration.key,
  );
  const lines = addresses.map((a) => `  new: ${a.address}  key ${integration.key ?? ''}  (${a.use})`);
  return [title, old, ...lines].join('\n');
}

/** Each integration with the address and key senders use today next to Beacon's. */
export function formatIntegrations(result: ImportResult, baseUrl: string): string {
  if (result.integrations.length === 0) return 'no integrations';
  return result.integrations.map((i) => formatIntegration(i, baseUrl)).join('\n');
}

function formatComparison(comparison: ScheduleComparison): string {
  const head = `${comparison.name}: ${comparison.handoffs} handoffs from ${comparison.from} to ${comparison.to}`;
  if (comparison.differences.length === 0) return `${head}, the same person on call at every one`;
  const lines = comparison.differences.map(
    (d) => `  ${d.at}  source: ${d.source ?? 'nobody'}  Beacon: ${d.beacon ?? 'nobody'}`,
  );
  return [`${head}, ${comparison.differences.length} differences:`, ...lines].join('\n');
}

/** Whether Beacon puts the same person on call as the source, schedule by schedule. */
export function formatComparisons(result: ImportResult): string {
  if (result.comparisons.length === 0) return 'no schedules to compare';
  return result.comparisons.map(formatComparison).join('\n');
}

/** Print an import's reply: the plan, the integrations' old and new addresses, the schedule check. */
export function printImportResult(result: ImportResult, baseUrl: string): void {
  writeLine(formatPlan(result));
  writeLine('\nIntegrations (point each sender at the new address and key):');
  writeLine(formatIntegrations(result, baseUrl));
  writeLine('\nSchedules, Beacon against the source over the next weeks:');
  writeLine(formatComparisons(result));
}
