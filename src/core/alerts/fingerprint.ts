/**
 * Fingerprint of a label set, as Alertmanager identifies alerts: a hash of the labels sorted
 * by name. FNV-1a 64-bit over `name\xffvalue\xff…`, printed as 16 hex digits.
 */
export function labelFingerprint(labels: Record<string, string>): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  const bytes = new TextEncoder();
  for (const name of Object.keys(labels).sort()) {
    for (const part of [name, labels[name] ?? '']) {
      for (const byte of bytes.encode(part)) {
        hash ^= BigInt(byte);
        hash = (hash * prime) & mask;
      }
      hash ^= 0xffn;
      hash = (hash * prime) & mask;
    }
  }
  return hash.toString(16).padStart(16, '0');
}
