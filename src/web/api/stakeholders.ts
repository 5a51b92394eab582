import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddStakeholderBody,
  IncidentUpdate,
  IncidentUpdateList,
  Stakeholder,
  StakeholderList,
  UpdateKind,
} from '../../core/schemas/stakeholders.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

const incidentPath = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}`;

/** An incident's stakeholders, the settings' defaults for it, and whether I subscribed. */
export function useStakeholders(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'stakeholders', ref],
    queryFn: () => get<StakeholderList>(`${incidentPath(ref)}/stakeholders`),
  });
}

/** An incident's status and stakeholder updates, newest first, and when the next is due. */
export function useUpdates(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'updates', ref],
    queryFn: () => get<IncidentUpdateList>(`${incidentPath(ref)}/updates`),
  });
}

/** A write about an incident's communication; refreshes the incident's queries (timeline too). */
function useIncidentWrite<T, R>(request: (body: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** Add a user, team or address to the stakeholders. */
export function useAddStakeholder(ref: string) {
  return useIncidentWrite((body: AddStakeholderBody) =>
    api<Stakeholder>('POST', `${incidentPath(ref)}/stakeholders`, body),
  );
}

/** Remove a stakeholder entry. */
export function useRemoveStakeholder(ref: string) {
  return useIncidentWrite((id: number) =>
    api<undefined>('DELETE', `${incidentPath(ref)}/stakeholders/${id}`),
  );
}

/** Subscribe myself (true) or unsubscribe (false). */
export function useSubscription(ref: string) {
  return useIncidentWrite((isSubscribing: boolean) =>
    api<StakeholderList>(isSubscribing ? 'PUT' : 'DELETE', `${incidentPath(ref)}/subscription`),
  );
}

/** Post a status update, or a stakeholder update that is also emailed. */
export function usePostUpdate(ref: string) {
  return useIncidentWrite(({ kind, message }: { kind: UpdateKind; message: string }) =>
    api<IncidentUpdate>(
      'POST',
      `${incidentPath(ref)}/${kind === 'status' ? 'updates' : 'stakeholder-updates'}`,
      { message },
    ),
  );
}
