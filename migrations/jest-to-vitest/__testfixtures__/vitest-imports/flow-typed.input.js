/**
 * @flow
 */
// A Flow-typed test: its imports from vitest, read with Babel's Flow grammar.
import type { Options } from '..';

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
