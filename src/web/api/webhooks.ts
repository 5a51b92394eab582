/** Outbound webhook subscriptions and their delivery log (admins). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWebhookInput,
  UpdateWebhookBody,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryStatus,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '../../core/schemas/webhooks.js';
import { api, get } from './client.js';

const webhooksKey = ['webhooks'] as const;
const path = (id: number) => `/api/v1/webhooks/${id}`;
/** Deliveries change without any action in this tab (the sender works in the background). */
const LOG_REFRESH_MS = 3_000;

/** Every subscription with its delivery health. */
export function useWebhooks() {
  return useQuery({
    queryKey: webhooksKey,
    queryFn: async () => (await get<{ items: WebhookSubscription[] }>('/api/v1/webhooks')).items,
    refetchInterval: LOG_REFRESH_MS * 5,
  });
}

/** One subscription (disabled while `id` is null). */
export function useWebhook(id: number | null) {
  return useQuery({
    queryKey: [...webhooksKey, id],
    queryFn: () => get<WebhookSubscription>(path(id ?? 0)),
    enabled: id !== null,
    refetchInterval: LOG_REFRESH_MS,
  });
}

function useWebhookWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

/** Create a subscription; the reply holds its signing secret. */
export function useCreateWebhook() {
  return useWebhookWrite((body: CreateWebhookInput) =>
    api<WebhookSubscriptionWithSecret>('POST', '/api/v1/webhooks', body),
  );
}

/** Change a subscription's URL, description, filters or enabled flag. */
export function useUpdateWebhook(id: number) {
  return useWebhookWrite((body: UpdateWebhookBody) => api<WebhookSubscription>('PATCH', path(id), body));
}

/** Delete a subscription with its queued deliveries and log. */
export function useDeleteWebhook() {
  return useWebhookWrite((id: number) => api<undefined>('DELETE', path(id)));
}

/** Fetch the signing secret (each look is audited, so it is fetched on request only). */
export function useRevealSecret(id: number) {
  return useMutation({ mutationFn: () => get<{ secret: string }>(`${path(id)}/secret`) });
}

/** Replace the signing secret; the reply holds the new one. */
export function useRotateSecret(id: number) {
  return useWebhookWrite(() => api<WebhookSubscriptionWithSecret>('POST', `${path(id)}/rotate-secret`));
}

/** Queue a `webhook.test` event to the subscription. */
export function useSendTestEvent(id: number) {
  return useWebhookWrite(() => api<WebhookDelivery>('POST', `${path(id)}/test`));
}

/** The newest deliveries of a subscription, optionally of one status. */
export function useDeliveries(id: number, status: WebhookDeliveryStatus | null, limit: number) {
  return useQuery({
    queryKey: [...webhooksKey, id, 'deliveries', status, limit],
    queryFn: () => get<WebhookDeliveryPage>(`${path(id)}/deliveries`, { status: status ?? undefined, limit }),
    refetchInterval: LOG_REFRESH_MS,
  });
}

/** One delivery with its payload and attempts (disabled while `deliveryId` is null). */
export function useDelivery(id: number, deliveryId: number | null) {
  return useQuery({
    queryKey: [...webhooksKey, id, 'delivery', deliveryId],
    queryFn: () => get<WebhookDeliveryDetail>(`${path(id)}/deliveries/${deliveryId ?? 0}`),
    enabled: deliveryId !== null,
    refetchInterval: LOG_REFRESH_MS,
  });
}

/** Send a dead or delivered delivery again. */
export function useRetryDelivery(id: number) {
  return useWebhookWrite((deliveryId: number) =>
    api<WebhookDelivery>('POST', `${path(id)}/deliveries/${deliveryId}/retry`),
  );
}
