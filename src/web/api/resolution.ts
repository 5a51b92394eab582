import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ResolutionRecord,
  ResolutionSettings,
  ResolutionSettingsPatch,
  UpdateResolutionBody,
} from '../../core/schemas/resolution.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

const pathOf = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}/resolution`;

/** The resolution settings' query key (root-cause categories, requirements, auto-close). */
export const resolutionSettingsKey = ['settings', 'resolution'] as const;

/**
 * An incident's resolution record with what resolving and closing still need; under the
 * incidents key, so every incident change (and the live stream) reads it afresh.
 */
export function useResolution(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'resolution', ref],
    queryFn: () => get<ResolutionRecord>(pathOf(ref)),
  });
}

/** Save resolution-record fields, guarded by the incident's version. */
export function useUpdateResolution(ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateResolutionBody) => api<ResolutionRecord>('PUT', pathOf(ref), body),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** The resolution settings. */
export function useResolutionSettings() {
  return useQuery({
    queryKey: resolutionSettingsKey,
    queryFn: () => get<ResolutionSettings>('/api/v1/settings/resolution'),
  });
}

/** Change the resolution settings (admins). */
export function useUpdateResolutionSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ResolutionSettingsPatch) =>
      api<ResolutionSettings>('PUT', '/api/v1/settings/resolution', patch),
    onSuccess: (saved) => {
      client.setQueryData(resolutionSettingsKey, saved);
      void client.invalidateQueries({ queryKey: incidentsKey });
    },
  });
}
