import { useServices } from '../api/catalog.js';
import { Field } from './form.js';

interface ServiceFilterProps {
  /** The chosen service's id as text; empty for any. */
  value: string;
  onChange: (serviceId: string) => void;
}

/** A list filter's "Service" select: any, or one of the services. */
export function ServiceFilter({ value, onChange }: ServiceFilterProps) {
  const services = useServices();
  return (
    <Field label="Service">
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Any</option>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
