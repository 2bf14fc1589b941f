// commander spawns its subcommands with process.execArgv: under Jest the flags of Jest's own
// process (none here), under Vitest those of Vitest's worker unless the compat file takes them out.
import { expect, test } from 'vitest';

test('process.execArgv holds none of the flags Vitest starts its workers with', () => {
  expect(process.execArgv).toEqual([]);
});
