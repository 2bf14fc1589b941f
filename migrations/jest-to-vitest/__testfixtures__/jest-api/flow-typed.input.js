/**
 * @flow
 */
// A Flow-typed test (graphql/dataloader): read with Babel's Flow grammar, not tsx.
import type { Options } from '..';

process.nextTick = (null: any);
const DataLoader = require('..');

jest.mock('../cache');

function idLoader<K>(options?: Options<K, K>): [DataLoader<K, K>, Array<$ReadOnlyArray<K>>] {
  const loadCalls = [];
  const loader = new DataLoader<K, K>(keys => {
    loadCalls.push(keys);
    return Promise.resolve(keys);
  }, options);
  return [loader, loadCalls];
}

it('calls the batch function once', async () => {
  const batch = jest.fn<[$ReadOnlyArray<number>], Promise<Array<number>>>(async keys => (keys: any));
  const [loader] = idLoader<number>({ batchLoadFn: batch });
  expect(await loader.load(1)).toBe(1);
  jest.clearAllMocks();
});
