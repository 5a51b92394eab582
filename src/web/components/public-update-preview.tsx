import type { PublicIncidentView } from '../../core/status/snapshot.js';
import { IMPACT_LABELS } from './status-page-labels.js';
import { ComponentStatusBadge, PublicStatusBadge } from './status-page-parts.js';

/** The incident as the public page would show it with the previewed update on top. */
export function PublicUpdatePreview({ view }: { view: PublicIncidentView }) {
  const latest = view.updates[0];
  return (
    <section className="public-preview" aria-label="Preview" data-testid="public-preview">
      <p className="public-preview-label">Preview — as customers will see it</p>
      <h3 className="public-preview-title">{view.name}</h3>
      <div className="meta-line">
        <PublicStatusBadge status={view.status} />
        <span className="muted">{IMPACT_LABELS[view.impact]} impact</span>
      </div>
      {latest ? <p className="update-message">{latest.body}</p> : null}
      {latest && latest.affectedComponents.length > 0 ? (
        <ul className="public-preview-components">
          {latest.affectedComponents.map((c) => (
            <li key={c.id}>
              <span>{c.name}</span>
              <ComponentStatusBadge status={c.newStatus} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
