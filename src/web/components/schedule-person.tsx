/** A person on call: a round initial in their timeline colour, and their name. */
export function SchedulePerson({
  name,
  color,
  detail,
}: {
  name: string | null;
  color?: string | undefined;
  detail?: string | undefined;
}) {
  if (name === null) return <span className="person nobody">Nobody</span>;
  return (
    <span className="person">
      <span className="avatar small" aria-hidden="true" style={color ? { background: color } : undefined}>
        {name.charAt(0).toUpperCase()}
      </span>
      <span className="person-text">
        <span className="person-name" title={name}>
          {name}
        </span>
        {detail ? <span className="muted person-detail">{detail}</span> : null}
      </span>
    </span>
  );
}
