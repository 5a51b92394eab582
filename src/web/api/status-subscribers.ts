import { useQuery } from '@tanstack/react-query';
import type {
  AddSubscriberBody,
  Subscriber,
  SubscriberList,
  SubscriberListQuery,
} from '../../core/schemas/status-subscribers.js';
import { api, get, withQuery } from './client.js';

/** The key every subscriber query starts with. */
export const subscribersKey = 'status-subscribers';
const base = '/api/v1/status-page/subscribers';

/** Filters of the list (and of its CSV export). */
export type SubscriberFilters = Partial<Pick<SubscriberListQuery, 'state' | 'channel' | 'componentId' | 'q'>>;

function queryOf(filters: SubscriberFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  );
}

/** Subscribers by filters, with the counts and the bundling window. */
export function useSubscribers(filters: SubscriberFilters) {
  return useQuery({
    queryKey: [subscribersKey, filters],
    queryFn: () => get<SubscriberList>(base, queryOf(filters)),
  });
}

/** Where the CSV of the filtered list downloads from (the session cookie signs the request in). */
export function subscribersCsvUrl(filters: SubscriberFilters): string {
  return withQuery(`${base}/export`, queryOf(filters));
}

/** Add a subscriber (admin). */
export const addSubscriber = (body: AddSubscriberBody) =>
  api<Subscriber & { signingKey: string | null }>('POST', base, body);

/** Remove a subscriber (admin). */
export const removeSubscriber = (id: number) => api<undefined>('DELETE', `${base}/${String(id)}`);

/** Change the bundling window (admin). */
export const patchSubscriberSettings = (body: { bundleSeconds: number }) =>
  api<{ bundleSeconds: number }>('PATCH', `${base}/settings`, body);
