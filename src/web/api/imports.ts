/** Imports from other on-call tools (admins): read a source or a saved set-up, plan, apply. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportResult, ImportSetup } from '../../core/schemas/import.js';
import type {
  ImportReadRequest,
  ImportReadResult,
  ImportSourceInfo,
} from '../../core/schemas/import-read.js';
import { api, get } from './client.js';

/** The tools the server can read, with their default API address. */
export function useImportSources() {
  return useQuery({
    queryKey: ['import-sources'],
    queryFn: async () => (await get<{ items: ImportSourceInfo[] }>('/api/v1/imports/sources')).items,
    staleTime: Infinity,
  });
}

/** Read a source from the server with its key (kept nowhere) and plan its import. */
export function useReadImport() {
  return useMutation({
    mutationFn: (body: ImportReadRequest) => api<ImportReadResult>('POST', '/api/v1/imports/read', body),
  });
}

/** Plan (`apply: false`) or carry out the import of a set-up; an apply refreshes every list. */
export function useRunImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { setup: ImportSetup; apply: boolean }) =>
      api<ImportResult>('POST', '/api/v1/imports', body),
    onSuccess: (_result, body) => (body.apply ? client.invalidateQueries() : undefined),
  });
}
