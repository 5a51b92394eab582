import { describe, expect, it } from 'vitest';
import type { FollowUpPage } from '../core/schemas/follow-ups.js';
import { argv } from '../../test/support/cli/cli-harness.js';
import { succeeded, useCliServer } from '../../test/support/cli/cli-server.js';

// The real bin against a real server: a responder adds follow-ups to an incident, lists the
// overdue ones and their own, and marks one done.
const { beacon } = useCliServer('follow-ups', { email: 'rita@example.com', role: 'responder' });

describe('beacon follow-up', () => {
  it('adds, lists (overdue, mine) and marks done', async () => {
    succeeded(await beacon(argv`incident declare --title ${'Checkout down'}`));
    const added = succeeded(
      await beacon(
        argv`follow-up add INC-1 ${'Alert on disk usage'} --owner rita@example.com --due 2020-01-31`,
      ),
    );
    expect(added.trim()).toBe('FU-1 added to INC-1: Alert on disk usage');
    succeeded(await beacon(argv`follow-up add INC-1 ${'Write the runbook'} --due 2999-01-01`));
    const table = succeeded(await beacon(argv`follow-up list --overdue`));
    expect(table).toContain('FU-1');
    expect(table).toContain('open (overdue)');
    expect(table).not.toContain('FU-2');
    const mine = JSON.parse(succeeded(await beacon(argv`--json follow-up list --mine`))) as FollowUpPage;
    expect(mine.items.map((f) => f.ref)).toEqual(['FU-1']);
    expect(succeeded(await beacon(argv`follow-up done FU-1`)).trim()).toBe(
      'FU-1 is done: Alert on disk usage',
    );
    const open = JSON.parse(succeeded(await beacon(argv`--json follow-up list`))) as FollowUpPage;
    expect(open.items.map((f) => f.ref)).toEqual(['FU-2']);
    const wrong = await beacon(argv`follow-up done nope`);
    expect(wrong.code).not.toBe(0);
  });
});
