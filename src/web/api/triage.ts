import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTriageRuleSetBody,
  TriageDryRunResult,
  TriageRuleSet,
  UpdateTriageRuleSetBody,
} from '../../core/schemas/triage.js';
import { api, get } from './client.js';

const triageKey = ['triage-rules'] as const;

/** A rule set as the editor sends it (a draft for the dry run, or to save). */
export type TriageRuleSetDraft = CreateTriageRuleSetBody;

/** Every triage rule set, in the order they run. */
export function useTriageRuleSets() {
  return useQuery({
    queryKey: triageKey,
    queryFn: async () => (await get<{ items: TriageRuleSet[] }>('/api/v1/triage-rules')).items,
  });
}

/** Create a rule set, or change one (as a new version, guarded by `version`) when `id` is given. */
export function useSaveTriageRuleSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: number | null;
      body: CreateTriageRuleSetBody | UpdateTriageRuleSetBody;
    }) =>
      id === null
        ? api<TriageRuleSet>('POST', '/api/v1/triage-rules', body)
        : api<TriageRuleSet>('PATCH', `/api/v1/triage-rules/${String(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: triageKey }),
  });
}

/** Delete a rule set. */
export function useDeleteTriageRuleSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>('DELETE', `/api/v1/triage-rules/${String(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: triageKey }),
  });
}

/** Put the rule sets in a new order. */
export function useReorderTriageRuleSets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) =>
      api<{ items: TriageRuleSet[] }>('POST', '/api/v1/triage-rules/order', { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: triageKey }),
  });
}

/** Dry-run a draft rule set over the newest alerts and report incidents. */
export function useTriageDryRun() {
  return useMutation({
    mutationFn: (body: { ruleSet: TriageRuleSetDraft & { id?: number }; limit: number }) =>
      api<TriageDryRunResult>('POST', '/api/v1/triage-rules/dry-run', body),
  });
}
