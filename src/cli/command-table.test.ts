import { describe, expect, it } from 'vitest';
import { COMMANDS, commandName } from './command-table.js';
import { buildProgram, commandIn, programWith } from './program.js';

// `beacon --help` lists every sub-command without importing its module: the table it lists
// them from must say what the modules register.
describe('the command table', () => {
  it('lists each command as its module registers it: the same top-level help either way', async () => {
    const listed = await programWith(() => false);
    const registered = await programWith(() => true);
    expect(registered.commands.map((command) => command.name())).toEqual(COMMANDS.map(commandName));
    expect(listed.helpInformation()).toBe(registered.helpInformation());
    expect(listed.helpInformation()).toContain('backup [options] <file>  copy the SQLite database');
  });

  it('registers only the command that runs', async () => {
    const program = await buildProgram(['--json', 'incident', 'list', '--open']);
    const incident = program.commands.find((command) => command.name() === 'incident');
    const backup = program.commands.find((command) => command.name() === 'backup');
    expect(incident?.commands.map((command) => command.name())).toContain('list');
    expect(backup?.registeredArguments).toEqual([]);
  });

  it('finds the command after `help`, and none in options only', () => {
    expect(commandIn(['help', 'schedule'])).toBe('schedule');
    expect(commandIn(['--json', 'oncall', '--at', 'tomorrow'])).toBe('oncall');
    expect(commandIn(['--help'])).toBeUndefined();
    expect(commandIn([])).toBeUndefined();
  });
});
