/**
 * Fingerprint of a label set, as Alertmanager identifies alerts: a hash of the labels sorted
 * by name. FNV-1a 64-bit over the UTF-8 bytes of `name\xffvalue\xff…`, printed as 16 hex
 * digits. The 64-bit state is kept in four 16-bit limbs so that no BigInt is needed: this
 * runs for every alert received.
 */
export function labelFingerprint(labels: Record<string, string>): string {
  const state = new Fnv64();
  for (const name of Object.keys(labels).sort()) {
    state.text(name);
    state.byte(0xff);
    state.text(labels[name] ?? '');
    state.byte(0xff);
  }
  return state.hex();
}

/** FNV-1a 64-bit of the UTF-8 bytes of `text`, as 16 hex digits. */
export function textFingerprint(text: string): string {
  const state = new Fnv64();
  state.text(text);
  return state.hex();
}

/** FNV-1a 64-bit: offset basis 0xcbf29ce484222325, prime 0x100000001b3 (= 2^40 + 0x1b3). */
class Fnv64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  byte(value: number): void {
    const h0 = this.h0 ^ value;
    const t0 = h0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  /** Feed the UTF-8 encoding of `text` (a lone surrogate as U+FFFD, as TextEncoder does). */
  text(text: string): void {
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        this.byte(code);
        continue;
      }
      if (code < 0x800) {
        this.byte(0xc0 | (code >> 6));
        this.byte(0x80 | (code & 0x3f));
        continue;
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
          this.byte(0xf0 | (code >> 18));
          this.byte(0x80 | ((code >> 12) & 0x3f));
          this.byte(0x80 | ((code >> 6) & 0x3f));
          this.byte(0x80 | (code & 0x3f));
          continue;
        }
        code = 0xfffd;
      }
      this.byte(0xe0 | (code >> 12));
      this.byte(0x80 | ((code >> 6) & 0x3f));
      this.byte(0x80 | (code & 0x3f));
    }
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
  }
}
