import { describe, expect, it } from 'vitest';
import { withServerHeapFlags } from './heap-flags.js';

describe('withServerHeapFlags', () => {
  it('adds the semi-space cap to the given flags', () => {
    expect(withServerHeapFlags(['--enable-source-maps'])).toEqual([
      '--enable-source-maps',
      '--max-semi-space-size=2',
    ]);
  });

  it("leaves the operator's own setting, on the command line or in NODE_OPTIONS", () => {
    expect(withServerHeapFlags(['--max-semi-space-size=8'])).toEqual(['--max-semi-space-size=8']);
    expect(withServerHeapFlags(['--max_semi_space_size=8'])).toEqual(['--max_semi_space_size=8']);
    expect(withServerHeapFlags([], '--inspect --max-semi-space-size=16')).toEqual([]);
  });
});
