// Pure: the jsdom range to install for Vitest's jsdom environment, the major the project's Jest ran
// its tests on. jsdom's majors differ where tests look: jsdom 26 resolves a colour in
// getComputedStyle (`rgb(255, 255, 255)`) but keeps it as written in `style` (`white`), which
// jest-dom's toHaveStyle compares, so `toHaveStyle('color: white')` fails there and passes on
// jsdom 16 and 20 (testing-react-apps in the corpus: 7 tests, Jest 27 through react-scripts 5).

import * as semver from 'semver';
import type { JsonValue } from './jest-config.js';

/** The jsdom each jest-environment-jsdom major depends on (Jest 26 and 27 had it built in); Jest 30's is the default. */
const JSDOM_OF_JEST: Readonly<Record<number, string>> = { 26: '^16.4.0', 27: '^16.6.0', 28: '^19.0.0', 29: '^20.0.0' };
/** Jest 30's, and where Jest's major says nothing (none found, or not in the table). */
export const DEFAULT_JSDOM = '^26.0.0';
/** The Jest each react-scripts major runs (its built-in config: jsdom). */
const JEST_OF_REACT_SCRIPTS: Readonly<Record<number, number>> = { 4: 26, 5: 27 };

export interface JsdomChoice {
  readonly range: string;
  /** Why that range and not the default, for the report; undefined for the default. */
  readonly why?: string;
}

/**
 * The jsdom for the project's dependencies (name → range): from `jest-environment-jsdom`, else
 * `jest-environment-jsdom-sixteen`, else `jest`, else `react-scripts`. A range whose lowest version
 * cannot be read, or a Jest older than 26 (a jsdom Vitest was not measured with here), gives the default.
 */
export function chooseJsdom(dependencies: Readonly<Record<string, JsonValue>>): JsdomChoice {
  const major = (name: string): number | undefined => {
    const range = dependencies[name];
    const lowest = typeof range === 'string' && semver.validRange(range) !== null ? semver.minVersion(range) : null;
    return lowest === null ? undefined : semver.major(lowest);
  };
  if (major('jest-environment-jsdom-sixteen') !== undefined) return { range: '^16.4.0', why: 'jest-environment-jsdom-sixteen ran the tests on jsdom 16' };
  const environment = major('jest-environment-jsdom');
  const jest = major('jest');
  const scripts = major('react-scripts');
  const fromScripts = scripts === undefined ? undefined : JEST_OF_REACT_SCRIPTS[scripts];
  const [jestMajor, from] =
    environment !== undefined ? [environment, `jest-environment-jsdom ${environment}`]
    : jest !== undefined ? [jest, `Jest ${jest}`]
    : fromScripts !== undefined ? [fromScripts, `Jest ${fromScripts} of react-scripts ${scripts}`]
    : [undefined, ''];
  const range = jestMajor === undefined ? undefined : JSDOM_OF_JEST[jestMajor];
  if (range === undefined) return { range: DEFAULT_JSDOM };
  return { range, why: `${from} ran the tests on jsdom ${semver.minVersion(range)!.major}` };
}
