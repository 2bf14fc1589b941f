// kelektiv/node-cron's threshold.test.ts: bare Jest mock types, whose arguments are `any`, read
// under noUncheckedIndexedAccess (`warnSpy.mock.calls[0][0]`).
import { CronJob } from '../src';

let callback: jest.Mock;
let warnSpy: jest.SpyInstance;
let typed: jest.Mock<string, [number]>;

beforeEach(() => {
  callback = jest.fn();
  warnSpy = jest.spyOn(console, 'warn').mockImplementation(() => {});
});

it('warns', () => {
  new CronJob('* * * * * *', callback).start();
  const message: string = warnSpy.mock.calls[0][0];
  expect(message).toContain('Missed execution deadline');
});
