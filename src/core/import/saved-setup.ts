import type { ImportSetup } from '../schemas/import.js';

/**
 * A set-up fit to save in a file and upload (`beacon import … --save`): the integrations' current
 * keys, shown only next to the new ones, are left out, so the file holds no secret of the
 * source (the API key that read it was never part of it).
 */
export function setupWithoutSecrets(setup: ImportSetup): ImportSetup {
  return {
    ...setup,
    services: setup.services.map((service) => ({
      ...service,
      integrations: service.integrations.map((integration) => ({ ...integration, oldKey: null })),
    })),
  };
}
