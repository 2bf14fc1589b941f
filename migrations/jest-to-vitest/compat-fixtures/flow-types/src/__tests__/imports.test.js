// @flow
import type { Options } from '../index';
import Loader from '../index';
import { expect, it } from 'vitest';

const options: Options<string> = { cacheKeyFn: (key: string): string => key };

it('imports the Flow source, its types left out', async () => {
  const loader = new Loader<string, string>(async (keys) => keys, options);
  expect(await loader.load('a')).toBe('a');
});
