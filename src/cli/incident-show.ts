import type { Command } from 'commander';
import type { Incident } from '../core/schemas/incident.js';
import type { TimelineEntry } from '../core/schemas/timeline.js';
import { ApiClient } from './api-client.js';
import { formatIncidentDetails, formatTimeline } from './incident-format.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** The API path of one incident (refs are INC-12 or 12). */
export function incidentPath(ref: string, suffix = ''): string {
  return `/incidents/${encodeURIComponent(ref)}${suffix}`;
}

/** `beacon incident show <ref>`: details and timeline. */
export function registerIncidentShow(incident: Command): void {
  incident
    .command('show')
    .description('show one incident with its timeline')
    .argument('<ref>', 'incident ref, e.g. INC-12 or 12')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const [details, timeline] = await Promise.all([
        api.get<Incident>(incidentPath(ref)),
        api.get<{ items: TimelineEntry[] }>(incidentPath(ref, '/timeline')),
      ]);
      if (globals.json) return writeJson({ ...details, timeline: timeline.items });
      writeLine(formatIncidentDetails(details));
      writeLine('');
      writeLine(formatTimeline(timeline.items));
    });
}
