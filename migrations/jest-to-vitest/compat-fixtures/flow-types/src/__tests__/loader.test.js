/**
 * @flow
 */
import { describe, expect, it } from 'vitest';
// Required as dataloader's tests require their package: `require('..')` of the Flow source.
process.nextTick = (process.nextTick: any);
const Loader = require('..');

describe('a Flow-typed test of a Flow-typed module', () => {
  it('loads through the typed class', async () => {
    const loader = new Loader<number, number>(async (keys) => keys.map((key: number) => key * 2));
    expect(await loader.load(21)).toBe(42);
  });
});
