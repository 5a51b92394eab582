import fs from 'node:fs';
import type { Command } from 'commander';
import type {
  TriageDryRunItem,
  TriageDryRunResult,
  TriageOutcomeView,
  TriageRuleSet,
} from '../core/schemas/triage.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { CliError, UsageError } from './cli-error.js';
import { type Column, formatTable } from './format-table.js';
import { positiveInt } from './incident-list.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** Columns of the rule set list. */
export const RULE_SET_COLUMNS: Column<TriageRuleSet>[] = [
  { header: 'ID', value: (s) => String(s.id), align: 'right' },
  { header: 'NAME', value: (s) => s.name, maxWidth: 32 },
  { header: 'SCOPE', value: (s) => s.service?.name ?? 'every service', maxWidth: 24 },
  { header: 'MODE', value: (s) => s.mode },
  { header: 'VERSION', value: (s) => `v${String(s.version)}`, align: 'right' },
  {
    header: 'RULES',
    value: (s) => (s.isEnabled ? s.rules.map((r) => r.name).join(', ') : 'disabled'),
    maxWidth: 60,
  },
];

function outcomeText(outcome: TriageOutcomeView): string {
  if (outcome.suppressed) return 'suppressed';
  return [`${outcome.severity}/${outcome.priority}`, outcome.category, ...outcome.tags.map((t) => `#${t}`)]
    .filter((part) => part !== null)
    .join(' ');
}

/** Columns of a dry run's table. */
export const DRY_RUN_COLUMNS: Column<TriageDryRunItem>[] = [
  { header: 'KIND', value: (i) => i.kind },
  { header: 'SUMMARY', value: (i) => i.summary, maxWidth: 40 },
  { header: 'NOW', value: (i) => outcomeText(i.current), maxWidth: 28 },
  { header: 'DRAFT', value: (i) => `${i.isChanged ? '* ' : ''}${outcomeText(i.outcome)}`, maxWidth: 28 },
  { header: 'RULES', value: (i) => i.matches.map((m) => m.ruleName).join(', ') || '-', maxWidth: 40 },
];

/** Read a draft rule set from a JSON file (`-`: standard input). */
function readDraft(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `beacon triage-rules …`: list rule sets and dry-run a draft through the HTTP API. */
export function registerTriageRules(program: Command): void {
  const triage = withApiOptions(
    program
      .command('triage-rules')
      .description('triage rules through the HTTP API (see docs/triage-rules.md)'),
  );
  triage
    .command('list')
    .alias('ls')
    .description('list the triage rule sets in the order they run')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const { items } = await new ApiClient(globals).get<{ items: TriageRuleSet[] }>('/triage-rules');
      if (globals.json) return writeJson({ items });
      writeLine(items.length === 0 ? 'no triage rule sets' : formatTable(items, RULE_SET_COLUMNS));
    });
  triage
    .command('dry-run')
    .argument(
      '<file>',
      'a rule set as JSON (the body of POST /api/v1/triage-rules, "id" to replace a saved set); - reads stdin',
    )
    .description('show what a draft rule set would do to the newest alerts and report incidents')
    .option('--limit <n>', 'how many recent alerts and report incidents (1-500, default 50)', positiveInt)
    .addHelpText(
      'after',
      `
Examples:
  beacon triage-rules dry-run rules.json
  beacon triage-rules dry-run --limit 200 --json rules.json | jq '.items[] | select(.isChanged)'`,
    )
    .action(async (file: string, options: { limit?: number }, command: Command) => {
      const globals = globalsOf(command);
      const result = await new ApiClient(globals).post<TriageDryRunResult>('/triage-rules/dry-run', {
        ruleSet: readDraft(file),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
      });
      if (globals.json) return writeJson(result);
      const changed = result.items.filter((item) => item.isChanged).length;
      writeLine(
        result.items.length === 0
          ? 'no alerts or report incidents to try'
          : formatTable(result.items, DRY_RUN_COLUMNS),
      );
      writeLine(`${String(changed)} of ${String(result.items.length)} would change (*)`);
      for (const hit of result.ruleHits) writeLine(`rule "${hit.ruleName}": ${String(hit.hits)} matched`);
    });
}
