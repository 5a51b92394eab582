import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  FinalSchedule,
  MyShift as MyShiftSchema,
  OnCallNow,
  OverrideBody,
  Schedule,
  ScheduleBody,
  ScheduleOverride,
  SchedulePatch,
} from '../../core/schemas/oncall.js';
import { api, get } from './client.js';

/** One of the signed-in user's shifts. */
export type MyShift = z.infer<typeof MyShiftSchema>;

/** Every on-call query starts with this key, so one write refreshes them all. */
const oncallKey = ['oncall'] as const;
/** Who is on call changes with the clock, not only with writes: refresh each minute. */
const REFRESH_MS = 60_000;

const schedulePath = (id: number | string) => `/api/v1/schedules/${encodeURIComponent(String(id))}`;

/** Every schedule with who is on call now. */
export function useSchedules() {
  return useQuery({
    queryKey: [...oncallKey, 'schedules'],
    queryFn: async () => (await get<{ items: Schedule[] }>('/api/v1/schedules')).items,
    refetchInterval: REFRESH_MS,
  });
}

/** One schedule: layers, upcoming overrides, who is on call, its calendar URL. */
export function useSchedule(id: string) {
  return useQuery({
    queryKey: [...oncallKey, 'schedule', id],
    queryFn: () => get<Schedule>(schedulePath(id)),
    refetchInterval: REFRESH_MS,
  });
}

/** The final schedule and each layer's shifts over `[from, to)`. */
export function useFinalSchedule(id: string, from: Date, to: Date) {
  const window = { from: from.toISOString(), to: to.toISOString() };
  return useQuery({
    queryKey: [...oncallKey, 'final', id, window.from, window.to],
    queryFn: () => get<FinalSchedule>(`${schedulePath(id)}/final`, window),
    refetchInterval: REFRESH_MS,
  });
}

/** Who is on call now on every schedule. */
export function useOnCallNow() {
  return useQuery({
    queryKey: [...oncallKey, 'now'],
    queryFn: async () => (await get<{ items: OnCallNow[] }>('/api/v1/oncall')).items,
    refetchInterval: REFRESH_MS,
  });
}

/** The signed-in user's shifts over the next `days` days. */
export function useMyShifts(days: number) {
  return useQuery({
    queryKey: [...oncallKey, 'my-shifts', days],
    queryFn: async () => (await get<{ items: MyShift[] }>('/api/v1/me/shifts', { days })).items,
    refetchInterval: REFRESH_MS,
  });
}

/** The signed-in user's personal calendar feed URL (null until created). */
export function useCalendarFeed() {
  return useQuery({
    queryKey: [...oncallKey, 'calendar-token'],
    queryFn: async () => (await get<{ url: string | null }>('/api/v1/me/calendar-token')).url,
  });
}

/** Create or replace the personal calendar feed URL; the old one stops working. */
export function useResetCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<{ url: string | null }>('POST', '/api/v1/me/calendar-token')).url,
    onSuccess: (url) => client.setQueryData([...oncallKey, 'calendar-token'], url),
  });
}

/** A write that refreshes every on-call query when it succeeds. */
function useOnCallWrite<TVariables, TResult>(request: (variables: TVariables) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKey }),
  });
}

/** Create a schedule, or replace one's name, zone and layers when `id` is given. */
export function useSaveSchedule() {
  return useOnCallWrite(({ id, body }: { id: number | null; body: ScheduleBody | SchedulePatch }) =>
    id === null
      ? api<Schedule>('POST', '/api/v1/schedules', body)
      : api<Schedule>('PATCH', schedulePath(id), body),
  );
}

/** Delete a schedule (admins). */
export function useDeleteSchedule() {
  return useOnCallWrite((id: number) => api<undefined>('DELETE', schedulePath(id)));
}

/** Put someone on call over every layer of a schedule for a time range. */
export function useAddOverride(scheduleId: number) {
  return useOnCallWrite((body: OverrideBody) =>
    api<ScheduleOverride>('POST', `${schedulePath(scheduleId)}/overrides`, body),
  );
}

/** Remove an override. */
export function useRemoveOverride(scheduleId: number) {
  return useOnCallWrite((overrideId: number) =>
    api<undefined>('DELETE', `${schedulePath(scheduleId)}/overrides/${overrideId}`),
  );
}
