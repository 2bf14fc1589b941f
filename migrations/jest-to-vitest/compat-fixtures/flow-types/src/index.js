/**
 * @flow
 */
// A Flow-typed source as graphql/dataloader's: annotations, a generic class, an opaque cast.
export type Options<K> = { cacheKeyFn?: (key: K) => mixed };

class Loader<K, V> {
  _load: (keys: $ReadOnlyArray<K>) => Promise<$ReadOnlyArray<V>>;

  constructor(load: (keys: $ReadOnlyArray<K>) => Promise<$ReadOnlyArray<V>>, options?: Options<K>) {
    this._load = load;
  }

  async load(key: K): Promise<V> {
    const [value] = await this._load([key]);
    return (value: any);
  }
}

module.exports = Loader;
