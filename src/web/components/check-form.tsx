import { useState, type SyntheticEvent } from 'react';
import type { CreateCheckBody, UpdateCheckBody } from '../../core/schemas/checks.js';
import { CHECK_TYPES, type Check, type CheckType } from '../api/checks.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { numberOrNull } from './form-values.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

const TYPE_LABELS: Record<CheckType, string> = {
  http: 'HTTP(S) request',
  tcp: 'TCP connect',
  heartbeat: 'Heartbeat (cron, jobs)',
};

const METHODS = ['GET', 'HEAD', 'POST'] as const;

/** Human name of a check type. */
export function checkTypeLabel(type: CheckType): string {
  return TYPE_LABELS[type];
}

/** What a check looks at, in one line: "GET https://…", "db.internal:5432", "ping every 60 s". */
export function checkTarget(check: Pick<Check, 'type' | 'config' | 'intervalSeconds'>): string {
  const c = check.config;
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (check.type) {
    case 'http':
      return `${text(c['method']) || 'GET'} ${text(c['url'])}`;
    case 'tcp':
      return `${text(c['host'])}:${text(c['port'])}`;
    case 'heartbeat':
      return `expects a ping every ${formatSeconds(check.intervalSeconds)}`;
  }
}

/** "45 s", "5 min", "2 h", "1 day". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120 && seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  if (minutes < 120 && Number.isInteger(minutes)) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48 && Number.isInteger(hours)) return `${hours} h`;
  const days = hours / 24;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`;
  return `${seconds} s`;
}

const str = (value: unknown, fallback = '') =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;

/** A number from a text input; undefined when empty (the server then uses its default or says so). */
const num = (value: string): number | undefined => numberOrNull(value) ?? undefined;

interface Props {
  check?: Check;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onCreate?: (body: CreateCheckBody) => void;
  onUpdate?: (body: UpdateCheckBody) => void;
  onCancel?: () => void;
}

/** Create or edit a check; the type picks which settings are shown (the type is fixed once created). */
export function CheckForm({ check, submitLabel, isPending, error, onCreate, onUpdate, onCancel }: Props) {
  const c = check?.config ?? {};
  const [type, setType] = useState<CheckType>(check?.type ?? 'http');
  const [name, setName] = useState(check?.name ?? '');
  const [interval, setIntervalText] = useState(str(check?.intervalSeconds, '60'));
  const [timeout, setTimeoutText] = useState(str(check?.timeoutMs, '10000'));
  const [retries, setRetries] = useState(str(check?.retries, '2'));
  const [url, setUrl] = useState(str(c['url']));
  const [method, setMethod] = useState(str(c['method'], 'GET'));
  const [expectedStatus, setExpectedStatus] = useState(str(c['expectedStatus'], '200'));
  const [keyword, setKeyword] = useState(str(c['keyword']));
  const [latencyLimit, setLatencyLimit] = useState(str(c['latencyLimitMs']));
  const [host, setHost] = useState(str(c['host']));
  const [port, setPort] = useState(str(c['port']));
  const [grace, setGrace] = useState(str(c['graceSeconds'], '60'));
  useUnsavedEdits({
    type,
    name,
    interval,
    timeout,
    retries,
    url,
    method,
    expectedStatus,
    keyword,
    latencyLimit,
    host,
    port,
    grace,
  });

  const config = () => {
    switch (type) {
      case 'http':
        return {
          url: url.trim(),
          method: method as (typeof METHODS)[number],
          expectedStatus: num(expectedStatus) ?? 200,
          ...(keyword.trim() ? { keyword: keyword.trim() } : {}),
          ...(num(latencyLimit) !== undefined ? { latencyLimitMs: num(latencyLimit) } : {}),
        };
      case 'tcp':
        return { host: host.trim(), port: num(port) ?? Number.NaN };
      case 'heartbeat':
        return { graceSeconds: num(grace) ?? 60 };
    }
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const common = {
      name: name.trim(),
      intervalSeconds: num(interval) ?? 60,
      timeoutMs: num(timeout) ?? 10_000,
      retries: num(retries) ?? 2,
    };
    if (check) onUpdate?.({ ...common, config: config() });
    else onCreate?.({ ...common, type, config: config() } as CreateCheckBody);
  };
  const err = (name: string) => fieldError(error, name);
  const isHeartbeat = type === 'heartbeat';

  return (
    <form className="form-grid four" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="span-all">
        <ErrorBanner
          error={error}
          shownFields={[
            'name',
            'type',
            'intervalSeconds',
            'timeoutMs',
            'retries',
            'url',
            'method',
            'expectedStatus',
            'keyword',
            'latencyLimitMs',
            'host',
            'port',
            'graceSeconds',
          ]}
        />
      </div>
      <TextField
        label="Check name"
        className="span-2"
        error={err('name')}
        placeholder="Checkout health endpoint"
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field label="Check type" className="span-2" error={err('type')}>
        {(id) => (
          <select
            id={id}
            value={type}
            disabled={check !== undefined}
            onChange={(e) => setType(e.target.value as CheckType)}
          >
            {CHECK_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>

      {type === 'http' ? (
        <>
          <TextField
            label="URL"
            className="span-2"
            error={err('url')}
            type="url"
            inputMode="url"
            placeholder="https://checkout.example.com/healthz"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <Field label="Method" error={err('method')}>
            {(id) => (
              <select id={id} value={method} onChange={(e) => setMethod(e.target.value)}>
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label="Expected status"
            error={err('expectedStatus')}
            type="number"
            min={100}
            max={599}
            value={expectedStatus}
            onChange={(e) => setExpectedStatus(e.target.value)}
          />
          <TextField
            label="Keyword"
            className="span-2"
            error={err('keyword')}
            hint="Optional: the body must contain this text."
            limit={TEXT_LIMITS.checkKeyword}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
          />
          <TextField
            label="Latency limit (ms)"
            className="span-2"
            error={err('latencyLimitMs')}
            hint="Optional: slower answers count as down."
            type="number"
            min={1}
            value={latencyLimit}
            onChange={(e) => setLatencyLimit(e.target.value)}
          />
        </>
      ) : null}

      {type === 'tcp' ? (
        <>
          <TextField
            label="Host"
            className="span-2"
            error={err('host')}
            limit={TEXT_LIMITS.host}
            placeholder="db.internal"
            value={host}
            onChange={(e) => setHost(e.target.value)}
          />
          <TextField
            label="Port"
            error={err('port')}
            type="number"
            min={1}
            max={65535}
            placeholder="5432"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
          <div />
        </>
      ) : null}

      <TextField
        label={isHeartbeat ? 'Expected every (seconds)' : 'Interval (seconds)'}
        error={err('intervalSeconds')}
        hint={isHeartbeat ? 'How often the job pings.' : 'At least 10.'}
        type="number"
        min={10}
        value={interval}
        onChange={(e) => setIntervalText(e.target.value)}
      />
      {isHeartbeat ? (
        <TextField
          label="Grace (seconds)"
          error={err('graceSeconds')}
          hint="Extra silence allowed before it is down."
          type="number"
          min={0}
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
        />
      ) : (
        <>
          <TextField
            label="Timeout (ms)"
            error={err('timeoutMs')}
            type="number"
            min={100}
            value={timeout}
            onChange={(e) => setTimeoutText(e.target.value)}
          />
          <TextField
            label="Retries"
            error={err('retries')}
            hint="Failures in a row before it is down."
            type="number"
            min={0}
            max={10}
            value={retries}
            onChange={(e) => setRetries(e.target.value)}
          />
        </>
      )}
      {isHeartbeat ? (
        <p className="muted span-2 form-note">
          After saving you get a secret ping URL: call it (GET or POST) at the end of each run.
        </p>
      ) : null}
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
        className="span-all"
      />
    </form>
  );
}
