/** Display helpers: labels and times. */
import type { IncidentStatus } from '../../core/incident-status.js';

const STATUS_LABELS: Record<IncidentStatus, string> = {
  triage: 'Triage',
  triggered: 'Triggered',
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
  declined: 'Declined',
  merged: 'Merged',
};

/** Human label of a status ("Investigating"). */
export function statusLabel(status: IncidentStatus): string {
  return STATUS_LABELS[status];
}

/** "Sentence case" a machine word: `status_changed` → "Status changed". */
export function humanize(word: string): string {
  const text = word.replace(/[_-]+/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const shortDateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Absolute local date and time, or an em dash when missing. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** Compact local time without the year ("Nov 27, 3:53 AM"), full time when another year. */
export function formatShortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.getFullYear() === new Date().getFullYear() ? shortDateTime.format(date) : dateTime.format(date);
}

/** Short relative time: "just now", "5m ago", "3h ago", "2d ago". */
export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.round(hours / 24)}d ago`;
}

/** Short time to a future moment: "in 5m", "in 3h", "in 2d" ("now" when past). */
export function timeUntil(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (seconds < 45) return 'now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours}h`;
  return `in ${Math.round(hours / 24)}d`;
}

/** Render any JSON-ish value compactly for the timeline and audit log. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (Array.isArray(value)) return value.length === 0 ? '∅' : value.map(showValue).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: unknown; ref?: unknown };
    if (typeof named.name === 'string') return named.name;
    if (typeof named.ref === 'string') return named.ref;
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return formatShortTime(value);
    return value in STATUS_LABELS ? STATUS_LABELS[value as IncidentStatus] : value;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '…';
}
