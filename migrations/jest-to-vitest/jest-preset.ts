// Pure: a Jest config over the preset it names, merged as Jest's own setupPreset merges them
// (jest-config/build/normalize.js), for presets this recipe can read (a workspace package's).

import type { JestConfig, JsonValue } from './jest-config.js';

/** Keys whose lists Jest joins, the preset's first (jest-config's setupPreset). */
const JOINED = ['setupFiles', 'setupFilesAfterEnv', 'snapshotSerializers'];
/** Keys whose objects Jest merges, the config's own entries over the preset's. */
const MERGED = ['moduleNameMapper', 'transform', 'globals'];

/** A config over its preset, as Jest's setupPreset merges them; `preset` is then the preset's own (ts-jest, say). */
export function withPreset(config: JestConfig, preset: JestConfig): JestConfig {
  const { preset: _named, ...own } = config;
  const out: Record<string, JsonValue> = { ...preset, ...own };
  for (const key of JOINED) {
    const lists = [preset[key], own[key]].filter((value): value is JsonValue[] => Array.isArray(value));
    if (lists.length > 0) out[key] = lists.flat();
  }
  for (const key of MERGED) {
    const objects = [preset[key], own[key]].filter((value): value is Record<string, JsonValue> => !!value && typeof value === 'object' && !Array.isArray(value));
    // moduleNameMapper: Jest tries the config's own patterns first (their keys first, their values kept).
    const ownObject = objects.length === 2 ? objects[1] : undefined;
    if (objects.length > 0) out[key] = Object.assign({}, ...(key === 'moduleNameMapper' && ownObject ? [ownObject] : []), ...objects);
  }
  if (typeof preset['preset'] === 'string') out['preset'] = preset['preset'];
  else delete out['preset'];
  return out;
}
