// Pure: Jest's environment and fake-timer settings as Vitest's (jest-config.ts calls these while it
// translates a config): testEnvironmentOptions → test.environmentOptions, and `fakeTimers` /
// `timers` → test.fakeTimers plus whether every test file starts with fake timers.

import type { JsonValue } from './jest-config.js';

/** The options of jsdom's constructor that Jest's jsdom environment and Vitest's both pass on. */
const JSDOM_OPTIONS = new Set(['url', 'referrer', 'userAgent', 'contentType', 'pretendToBeVisual', 'includeNodeLocations', 'storageQuota', 'html']);
/** The happy-dom Window options both @happy-dom/jest-environment and Vitest's happy-dom pass on. */
const HAPPY_DOM_OPTIONS = new Set(['url', 'width', 'height', 'settings']);

/**
 * Jest's testEnvironmentOptions as Vitest's `test.environmentOptions`, which keeps each
 * environment's under its own key (`jsdom`, `happyDOM`). `customExportConditions` is Jest's
 * resolver's (msw 2's recipe sets `['']` for jsdom): Vite resolves exports with its own conditions.
 */
export function vitestEnvironmentOptions(environment: JsonValue | undefined, value: JsonValue): { options?: Record<string, JsonValue>; warnings: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { warnings: ['testEnvironmentOptions: not an object'] };
  const [key, known] = environment === 'jsdom' ? ['jsdom', JSDOM_OPTIONS] : environment === 'happy-dom' ? ['happyDOM', HAPPY_DOM_OPTIONS] : [undefined, new Set<string>()];
  const carried: Record<string, JsonValue> = {};
  const warnings: string[] = [];
  for (const [name, item] of Object.entries(value)) {
    if (known.has(name)) carried[name] = item;
    else if (name === 'customExportConditions') warnings.push("testEnvironmentOptions.customExportConditions: Jest's resolver's; Vite resolves packages' exports with its own conditions (resolve.conditions), so it is not carried over");
    else warnings.push(`testEnvironmentOptions.${name}: no Vitest translation known for the ${String(environment ?? 'node')} environment`);
  }
  return { ...(key !== undefined && Object.keys(carried).length > 0 && { options: { [key]: carried } }), warnings };
}

/**
 * What Vitest 3 and 4 fake by default in a Node environment (all it can fake there but nextTick and
 * queueMicrotask), less `Intl`, which they and Jest 30 fake too but Vitest before 3 rejects by name.
 */
export const NODE_FAKE_TIMERS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date', 'hrtime', 'performance'] as const;

export interface JestFakeTimers {
  /** Every test file starts with fake timers on (Jest's `fakeTimers.enableGlobally`, or `timers: 'fake'`). */
  readonly globally: boolean;
  /** Vitest's test.fakeTimers options that say what Jest's said (now, loopLimit, shouldAdvanceTime). */
  readonly options: Record<string, JsonValue>;
  /** Jest's `doNotFake`: taken out of the list Vitest fakes. */
  readonly doNotFake: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Jest's fake-timer config: `fakeTimers` (Jest 28+) or `timers` (Jest 26–27: 'fake' meant the
 * legacy timers in 26, the modern ones in 27). Vitest enables fake timers only by a call, so a
 * config that turns them on for every test file gets that call in the compat setup file
 * (vitest-settings.ts), which runs before the test file's modules as Jest's environment did.
 */
export function jestFakeTimers(key: 'fakeTimers' | 'timers', value: JsonValue, jestMajor: number | undefined): JestFakeTimers {
  const legacy = `${key}: Jest's legacy fake timers (jest.fn-based) have no Vitest counterpart: Vitest's are the modern ones; check assertions on setTimeout's calls`;
  // Each Jest reads one of the two keys and ignores the other (with a warning): its tests ran with real timers.
  const ignored = jestMajor !== undefined && (key === 'timers' ? jestMajor >= 28 : jestMajor <= 27);
  if (ignored) return { globally: false, options: {}, doNotFake: [], warnings: [`${key}: ignored by the project's Jest ${jestMajor} (it reads ${key === 'timers' ? 'fakeTimers' : 'timers'}), so not carried over`] };
  if (key === 'timers') {
    if (value === 'real') return { globally: false, options: {}, doNotFake: [], warnings: [] };
    const isLegacy = value === 'legacy' || (value === 'fake' && jestMajor !== undefined && jestMajor < 27);
    if (value === 'fake' || value === 'modern' || value === 'legacy') return { globally: true, options: {}, doNotFake: [], warnings: isLegacy ? [legacy] : [] };
    return { globally: false, options: {}, doNotFake: [], warnings: [`timers "${String(value)}": not a value Jest knows`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { globally: false, options: {}, doNotFake: [], warnings: ['fakeTimers: not an object'] };
  const options: Record<string, JsonValue> = {};
  const warnings: string[] = [];
  let doNotFake: string[] = [];
  for (const [name, item] of Object.entries(value)) {
    if (name === 'enableGlobally') continue;
    else if (name === 'legacyFakeTimers') {
      if (item === true) warnings.push(legacy);
    } else if (name === 'now' && typeof item === 'number') options['now'] = item;
    else if (name === 'timerLimit' && typeof item === 'number') options['loopLimit'] = item;
    else if (name === 'advanceTimers' && (item === true || typeof item === 'number')) {
      options['shouldAdvanceTime'] = true;
      if (typeof item === 'number') options['advanceTimeDelta'] = item;
    } else if (name === 'doNotFake' && Array.isArray(item)) doNotFake = item.map(String);
    else if (!(name === 'advanceTimers' && item === false)) warnings.push(`fakeTimers.${name}: no Vitest translation known`);
  }
  return { globally: value['enableGlobally'] === true, options, doNotFake, warnings };
}
