import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/build-location.mjs';

// `npm install` warns (EBADENGINE) about every installed package whose `engines.node` leaves out
// the Node.js running it. Each package in the lock must accept every Node.js Beacon declares.
interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};
const declared = (lock.packages['']?.engines as { node?: string } | undefined)?.node ?? '';

/** The oldest Node.js of each range Beacon declares (20.19.0, 22.13.0, 24.0.0). */
const oldestSupported = new semver.Range(declared).set.map(
  (comparators) => semver.minVersion(new semver.Range(comparators.map((c) => c.value).join(' ')))?.version,
);

describe('Node.js engines of the locked packages', () => {
  it('declares Node.js 20.19, 22 and 24', () => {
    expect(oldestSupported).toEqual(['20.19.0', '22.13.0', '24.0.0']);
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  it('has no package that refuses a declared Node.js version', () => {
    const refusing: string[] = [];
    for (const [where, pkg] of Object.entries(lock.packages)) {
      const node = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      if (where === '' || node === undefined) continue;
      for (const version of [...oldestSupported, process.version]) {
        if (version && !semver.satisfies(version, node))
          refusing.push(`${where}@${pkg.version}: ${node} (${version})`);
      }
    }
    expect(refusing).toEqual([]);
  });
});
