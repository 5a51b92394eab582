import type { TriageDryRunResult, TriageOutcomeView } from '../../core/schemas/triage.js';

function outcomeText(outcome: TriageOutcomeView): string {
  if (outcome.suppressed) return 'suppressed';
  const extra = [outcome.category, ...outcome.tags.map((t) => `#${t}`)].filter((x) => x !== null);
  return [`${outcome.severity} ${outcome.priority}`, ...extra].join(' · ');
}

/** What a dry run found: per stored alert or report incident, the rules that matched and the result. */
export function TriageDryRunTable({ result }: { result: TriageDryRunResult }) {
  const changed = result.items.filter((item) => item.isChanged).length;
  return (
    <section className="triage-dry-run" aria-label="Dry run">
      <h3>Dry run</h3>
      <p className="muted">
        {result.items.length} recent alerts and report incidents; {changed} would change.{' '}
        {result.ruleHits.map((hit) => `${hit.ruleName}: ${String(hit.hits)}`).join(' · ')}
      </p>
      <div className="table-scroll">
        <table className="table stack">
          <thead>
            <tr>
              <th>Alert or incident</th>
              <th>Rules that match</th>
              <th>Now</th>
              <th>With this draft</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((item) => (
              <tr key={`${item.kind}-${String(item.id)}`} className={item.isChanged ? 'changed' : undefined}>
                <td data-label="Alert or incident">
                  <strong>{item.summary}</strong>
                  <div className="muted">
                    {item.kind === 'report'
                      ? `${item.ref} · customer reports`
                      : `${item.service?.name ?? ''} · ${item.severity ?? ''}`}
                  </div>
                </td>
                <td data-label="Rules that match">
                  {item.matches.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul>
                      {item.matches.map((m) => (
                        <li key={`${String(m.ruleSetId)}-${String(m.ruleId)}`}>
                          <strong>{m.ruleName}</strong>
                          {m.isDraft ? null : <span className="muted"> ({m.ruleSetName})</span>}: {m.summary}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="Now">{outcomeText(item.current)}</td>
                <td data-label="With this draft">{outcomeText(item.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
