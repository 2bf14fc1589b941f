/**
 * @flow
 */

// Mock out process.nextTick and setImmediate as not existing for this test
// before requiring (graphql/dataloader's oldbrowser.test.js).
// Jest gave each test file its own process object: what this file sets on it stays here (codemigrate).
vi.stubGlobal('process', Object.create(process));

process.nextTick = (null: any);
global.setImmediate = (null: any);
process.env.LOADER_DEBUG = '1';
const DataLoader = require('..');

it('batches without process.nextTick', async () => {
  const loader = new DataLoader<number, number>(async keys => keys);
  expect(await loader.load(1)).toBe(1);
});
