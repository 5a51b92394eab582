import type { Command } from 'commander';
import type { IncidentUpdate } from '../core/schemas/stakeholders.js';
import { ApiClient } from './api-client.js';
import { textOf } from './incident-actions.js';
import { incidentPath } from './incident-show.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/**
 * `beacon incident update <ref> [text...]`: post a status update (recorded with the current
 * status, severity and impact); with `--stakeholders`, also email it to the stakeholders.
 */
export function registerIncidentUpdate(incident: Command): void {
  incident
    .command('update')
    .description('post a status update; --stakeholders emails it to the incident stakeholders')
    .argument('<ref>', 'incident ref')
    .argument('[text...]', 'the update (or use --body)')
    .option('--body <text>', 'the update')
    .option('--stakeholders', 'send it to the stakeholder list as a stakeholder update')
    .action(
      async (
        ref: string,
        words: string[],
        o: { body?: string; stakeholders?: boolean },
        command: Command,
      ) => {
        const message = textOf('update', words, o.body);
        const globals = globalsOf(command);
        const suffix = o.stakeholders ? '/stakeholder-updates' : '/updates';
        const update = await new ApiClient(globals).post<IncidentUpdate>(incidentPath(ref, suffix), {
          message,
        });
        if (globals.json) return writeJson(update);
        const count = update.recipients.length;
        writeLine(
          o.stakeholders
            ? `stakeholder update on ${update.incidentRef} sent to ${count} ${count === 1 ? 'address' : 'addresses'}`
            : `status update posted to ${update.incidentRef} (${update.status}, ${update.severity})`,
        );
      },
    );
}
