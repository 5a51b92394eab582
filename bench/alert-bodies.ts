/**
 * The ingest benchmark's alerts: Alertmanager API v2 bodies as Prometheus sends them, the same
 * for Beacon and Alertmanager.
 */

/** One label set of the benchmark, as Prometheus would send it. */
export function alertJson(id: number, startsAt: string, endsAt: string): string {
  const host = `host-${String(id).padStart(5, '0')}`;
  const severity = id % 10 === 0 ? 'critical' : 'warning';
  const labels = {
    alertname: `NodeDiskFilling${id % 20}`,
    instance: `${host}:9100`,
    job: 'node',
    severity,
    namespace: `team-${id % 7}`,
    device: `/dev/nvme${id % 4}n1`,
  };
  const annotations = {
    summary: `Disk on ${host} will fill within 4 hours`,
    description: `Filesystem ${labels.device} on ${host} is predicted to run out of space within the next 4 hours at the current write rate.`,
    runbook_url: 'https://runbooks.example.com/node/disk-filling',
  };
  return JSON.stringify({
    labels,
    annotations,
    startsAt,
    endsAt,
    generatorURL: `http://prometheus.example.com:9090/graph?g0.expr=predict_linear%28node_filesystem_avail_bytes%7Binstance%3D%22${host}%3A9100%22%7D%5B6h%5D%2C4*3600%29+%3C+0`,
  });
}

/** A request body of several alerts. */
export function bodyOf(alerts: readonly string[]): Buffer {
  return Buffer.from(`[${alerts.join(',')}]`);
}

/**
 * A one-alert body for requests.lua's post-template mode: @ID@ becomes a new id per request,
 * @M<n>@ that id mod n, so every request is a label set neither server has seen.
 */
export function newAlertTemplate(startsAt: string, endsAt: string): string {
  return bodyOf([alertJson(0, startsAt, endsAt)])
    .toString()
    .replaceAll('host-00000', 'host-@ID@')
    .replaceAll('NodeDiskFilling0', 'NodeDiskFilling@M20@')
    .replaceAll('team-0', 'team-@M7@')
    .replaceAll('nvme0n1', 'nvme@M4@n1');
}
