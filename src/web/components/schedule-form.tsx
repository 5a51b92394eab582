import { useEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import type { Schedule } from '../../core/schemas/oncall.js';
import { useUsers } from '../api/catalog.js';
import { ApiError } from '../api/client.js';
import { useSaveSchedule } from '../api/oncall.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { browserTimeZone } from './schedule-format.js';
import { type LayerDraft, LayerFields, draftOf, emptyLayer, layerOf } from './schedule-layer-fields.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

interface Props {
  /** The schedule to edit, or null to create one. */
  schedule: Schedule | null;
  onDone: (saved: Schedule | null) => void;
}

/** Create a schedule or change one: name, time zone and its stacked layers. */
export function ScheduleForm({ schedule, onDone }: Props) {
  const save = useSaveSchedule();
  const users = useUsers();
  const [name, setName] = useState(schedule?.name ?? '');
  const [description, setDescription] = useState(schedule?.description ?? '');
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? browserTimeZone());
  const [layers, setLayers] = useState<LayerDraft[]>(schedule?.layers.map(draftOf) ?? [emptyLayer()]);
  const unsaved = useUnsavedEdits({ name, description, timeZone, layers });
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);
  const formRef = useRef<HTMLFormElement>(null);
  // A long form: bring the first problem the server named into view.
  useEffect(() => {
    const form = formRef.current;
    if (!save.error || !form) return;
    const problem = form.querySelector('.layer-problems') ?? form.querySelector('[role="alert"]');
    problem?.scrollIntoView({ block: 'center' });
  }, [save.error]);

  const setLayer = (index: number, layer: LayerDraft) =>
    setLayers(layers.map((l, i) => (i === index ? layer : l)));
  const moveLayer = (index: number, by: -1 | 1) => {
    const next = [...layers];
    const [layer] = next.splice(index, 1);
    if (layer) next.splice(index + by, 0, layer);
    setLayers(next);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description, timeZone, layers: layers.map(layerOf) };
    save.mutate(
      { id: schedule?.id ?? null, body },
      {
        onSuccess: (saved) => {
          unsaved.release();
          onDone(saved);
        },
      },
    );
  };
  const { general, byLayer } = splitProblems(save.error);

  return (
    <form
      ref={formRef}
      className="card schedule-form"
      onSubmit={submit}
      noValidate
      aria-label={schedule ? 'Edit schedule' : 'New schedule'}
    >
      <h2 className="card-title">{schedule ? `Edit ${schedule.name}` : 'New on-call schedule'}</h2>
      <ErrorBanner error={general} shownFields={['name', 'description', 'timeZone']} />
      <div className="form-grid">
        <TextField
          label="Schedule name"
          error={fieldError(save.error, 'name')}
          limit={TEXT_LIMITS.oncallName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Time zone"
          error={fieldError(save.error, 'timeZone')}
          hint="Handoff times and time windows are in this zone"
        >
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Description"
          className="span-2"
          error={fieldError(save.error, 'description')}
          limit={TEXT_LIMITS.oncallDescription}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <h3>Layers</h3>
      <p className="muted">
        Each layer is a rotation. Where several layers have someone on call, the lower one in this list wins;
        overrides win over every layer.
      </p>
      {layers.map((layer, index) => (
        <LayerFields
          key={index}
          index={index}
          count={layers.length}
          layer={layer}
          users={users.data ?? []}
          problems={byLayer.get(index) ?? []}
          onChange={(next) => setLayer(index, next)}
          onMove={(by) => moveLayer(index, by)}
          onRemove={() => setLayers(layers.filter((_, i) => i !== index))}
        />
      ))}
      <button type="button" className="button small" onClick={() => setLayers([...layers, emptyLayer()])}>
        Add layer
      </button>
      <FormActions
        submitLabel={schedule ? 'Save schedule' : 'Create schedule'}
        isPending={save.isPending}
        onCancel={() => onDone(null)}
      />
    </form>
  );
}

/** Every IANA zone the browser knows, with UTC and the current value even where the list lacks them. */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

const LAYER_FIELD = /^(?:body[./])?layers(?:\.|\[)(\d+)\]?(?:[.[](.*))?$/;

const FIELD_NAMES: Array<[RegExp, string]> = [
  [/^participants/, 'People'],
  [/^rotation/, 'Shift length'],
  [/^handoffTime/, 'Handoff time'],
  [/^startDate/, 'Start date'],
  [/^endDate/, 'End date'],
  [/^restrictions[.[](\d+)\]?(?:\.(start|end|days))?/, 'Time window'],
];

/** Split a save error into the problems of each layer (shown inside it) and the rest (the banner). */
function splitProblems(error: unknown): { general: unknown; byLayer: Map<number, string[]> } {
  const byLayer = new Map<number, string[]>();
  if (!(error instanceof ApiError)) return { general: error, byLayer };
  const others = error.fields.filter((problem) => {
    const match = LAYER_FIELD.exec(problem.field);
    if (!match) return true;
    const index = Number(match[1]);
    byLayer.set(index, [...(byLayer.get(index) ?? []), `${labelOf(match[2] ?? '')}: ${problem.message}`]);
    return false;
  });
  const general =
    others.length === error.fields.length
      ? error
      : others.length === 0 && error.fields.length > 0
        ? new ApiError(error.status, error.title, 'check the layers below.', [], error.type)
        : new ApiError(error.status, error.title, error.detail, others, error.type);
  return { general, byLayer };
}

function labelOf(rest: string): string {
  for (const [pattern, label] of FIELD_NAMES) {
    const match = pattern.exec(rest);
    if (!match) continue;
    if (label !== 'Time window') return label;
    return `Time window ${Number(match[1]) + 1}${match[2] ? ` ${match[2]}` : ''}`;
  }
  return rest || 'Layer';
}
