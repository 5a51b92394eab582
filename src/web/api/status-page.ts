import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ComponentGroup,
  CorrectUpdateBody,
  PublicIncidentState,
  PublicUpdate,
  PublishUpdateBody,
  StatusComponent,
  StatusComponentBody,
  StatusComponentPatch,
  StatusPageSettings,
  StatusPageSettingsPatch,
  UpdateTemplate,
} from '../../core/schemas/status-page.js';
import type { PublicIncidentView } from '../../core/status/snapshot.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

/** The key every status-page query starts with, so one write refreshes them all. */
export const statusPageKey = 'status-page';
const base = '/api/v1/status-page';

type Listing<T> = T[] | { items: T[] };
const itemsOf = <T>(data: Listing<T>): T[] => (Array.isArray(data) ? data : data.items);

/** The page's settings: name, branding, time zone, privacy. */
export function useStatusPageSettings() {
  return useQuery({ queryKey: [statusPageKey], queryFn: () => get<StatusPageSettings>(base) });
}

/** The component groups, in page order. */
export function useComponentGroups() {
  return useQuery({
    queryKey: [statusPageKey, 'groups'],
    queryFn: async () => itemsOf(await get<Listing<ComponentGroup>>(`${base}/groups`)),
  });
}

/** Every component with its current status, in page order. */
export function useStatusComponents() {
  return useQuery({
    queryKey: [statusPageKey, 'components'],
    queryFn: async () => itemsOf(await get<Listing<StatusComponent>>(`${base}/components`)),
  });
}

/** The update templates. */
export function useUpdateTemplates() {
  return useQuery({
    queryKey: [statusPageKey, 'templates'],
    queryFn: async () => itemsOf(await get<Listing<UpdateTemplate>>(`${base}/templates`)),
  });
}

/** Change the page's settings (admin). */
export const patchStatusPage = (body: StatusPageSettingsPatch) =>
  api<StatusPageSettings>('PATCH', base, body);

/** The body of a group write. */
export interface GroupBody {
  name?: string;
  description?: string | null;
  position?: number;
}

/** Create a component group (admin). */
export const createGroup = (body: GroupBody) => api<ComponentGroup>('POST', `${base}/groups`, body);

/** Rename or move a component group (admin). */
export const updateGroup = ({ id, ...body }: GroupBody & { id: number }) =>
  api<ComponentGroup>('PATCH', `${base}/groups/${id}`, body);

/** Delete a component group; its components stay, ungrouped (admin). */
export const deleteGroup = (id: number) => api<undefined>('DELETE', `${base}/groups/${id}`);

/** Create a component (admin). */
export const createComponent = (body: Partial<StatusComponentBody> & { name: string }) =>
  api<StatusComponent>('POST', `${base}/components`, body);

/** Change a component (admin). */
export const updateComponent = ({ id, ...body }: StatusComponentPatch & { id: number }) =>
  api<StatusComponent>('PATCH', `${base}/components/${id}`, body);

/** Delete a component (admin). */
export const deleteComponent = (id: number) => api<undefined>('DELETE', `${base}/components/${id}`);

/** The body of a template write. */
export interface TemplateBody {
  name: string;
  status: UpdateTemplate['status'];
  message: string;
}

/** Create an update template (admin). */
export const createTemplate = (body: TemplateBody) => api<UpdateTemplate>('POST', `${base}/templates`, body);

/** Change an update template (admin). */
export const updateTemplate = ({ id, ...body }: Partial<TemplateBody> & { id: number }) =>
  api<UpdateTemplate>('PATCH', `${base}/templates/${id}`, body);

/** Delete an update template (admin). */
export const deleteTemplate = (id: number) => api<undefined>('DELETE', `${base}/templates/${id}`);

const publicUpdatesPath = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}/public-updates`;

/** An incident's public face: published or not, its public title and impact, its public updates. */
export function usePublicUpdates(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'public-updates', ref],
    queryFn: () => get<PublicIncidentState>(publicUpdatesPath(ref)),
  });
}

/** A write about an incident's public face: refreshes the incident and the components' statuses. */
function usePublicWrite<T, R>(request: (body: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: incidentsKey }),
        client.invalidateQueries({ queryKey: [statusPageKey] }),
      ]),
  });
}

/** Publish a public update (responders). */
export function usePublishUpdate(ref: string) {
  return usePublicWrite((body: PublishUpdateBody) => api<PublicUpdate>('POST', publicUpdatesPath(ref), body));
}

/** Correct a published update; the page shows it as updated (responders). */
export function useCorrectUpdate(ref: string) {
  return usePublicWrite(({ id, ...body }: CorrectUpdateBody & { id: number }) =>
    api<PublicUpdate>('PATCH', `${publicUpdatesPath(ref)}/${id}`, body),
  );
}

/** The update as the public page would show it, without publishing anything. */
export function usePreviewUpdate(ref: string) {
  return useMutation({
    mutationFn: (body: PublishUpdateBody) =>
      api<PublicIncidentView>('POST', `${publicUpdatesPath(ref)}/preview`, body),
  });
}
