import type { Command } from 'commander';
import { withApiOptions } from './api-client.js';
import { registerIncidentLifecycle, registerIncidentNote } from './incident-actions.js';
import { registerIncidentUpdate } from './incident-update.js';
import { registerIncidentDeclare } from './incident-declare.js';
import { registerIncidentList } from './incident-list.js';
import { registerIncidentShow } from './incident-show.js';

/** `beacon incident …`: incident work through the HTTP API. */
export function registerIncident(program: Command): void {
  const incident = withApiOptions(
    program.command('incident').description('list, declare and work on incidents through the HTTP API'),
  );
  registerIncidentList(incident);
  registerIncidentShow(incident);
  registerIncidentDeclare(incident);
  registerIncidentLifecycle(incident);
  registerIncidentNote(incident);
  registerIncidentUpdate(incident);
  incident.addHelpText(
    'after',
    `
Examples:
  export BEACON_URL=https://beacon.example.com BEACON_TOKEN=<token from "beacon token create">
  beacon incident list --open --severity SEV1,SEV2
  beacon incident declare --title "Checkout returns 502" --severity SEV1 --impact high --urgency high
  beacon incident ack INC-42
  beacon incident note INC-42 "rolled back deploy 1234"
  beacon incident resolve INC-42 --summary "rolled back" --root-cause "bad config push"
  beacon incident list --json | jq '.items[].ref'`,
  );
}
