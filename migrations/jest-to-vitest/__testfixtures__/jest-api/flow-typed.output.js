/**
 * @flow
 */
// A Flow-typed test (graphql/dataloader): read with Babel's Flow grammar, not tsx.
import type { Options } from '..';

// Jest gave each test file its own process object: what this file sets on it stays here (codemigrate).
vi.stubGlobal('process', Object.create(process));

process.nextTick = (null: any);
const DataLoader = require('..');

vi.mock('../cache');

function idLoader<K>(options?: Options<K, K>): [DataLoader<K, K>, Array<$ReadOnlyArray<K>>] {
  const loadCalls = [];
  const loader = new DataLoader<K, K>(keys => {
    loadCalls.push(keys);
    return Promise.resolve(keys);
  }, options);
  return [loader, loadCalls];
}

it('calls the batch function once', async () => {
  const batch = vi.fn<[$ReadOnlyArray<number>], Promise<Array<number>>>(async keys => (keys: any));
  const [loader] = idLoader<number>({ batchLoadFn: batch });
  expect(await loader.load(1)).toBe(1);
  vi.clearAllMocks();
});
