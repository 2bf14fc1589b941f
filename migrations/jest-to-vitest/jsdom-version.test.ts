import { describe, expect, it } from 'vitest';
import { chooseJsdom, DEFAULT_JSDOM } from './jsdom-version.js';

describe('chooseJsdom', () => {
  it("takes the jsdom of jest-environment-jsdom's major", () => {
    expect(chooseJsdom({ jest: '^29.7.0', 'jest-environment-jsdom': '^29.7.0' })).toEqual({ range: '^20.0.0', why: 'jest-environment-jsdom 29 ran the tests on jsdom 20' });
    expect(chooseJsdom({ jest: '^29.0.0', 'jest-environment-jsdom': '~28.1.0' }).range).toBe('^19.0.0');
    expect(chooseJsdom({ 'jest-environment-jsdom': '30.0.0' })).toEqual({ range: DEFAULT_JSDOM });
  });

  it("takes Jest's own major when no environment package is named (Jest 26 and 27 had jsdom built in)", () => {
    expect(chooseJsdom({ jest: '^27.5.1' })).toEqual({ range: '^16.6.0', why: 'Jest 27 ran the tests on jsdom 16' });
    expect(chooseJsdom({ jest: '26.6.3' }).range).toBe('^16.4.0');
  });

  it("takes the Jest react-scripts runs, and jest-environment-jsdom-sixteen's jsdom", () => {
    expect(chooseJsdom({ 'react-scripts': '5.0.1' })).toEqual({ range: '^16.6.0', why: 'Jest 27 of react-scripts 5 ran the tests on jsdom 16' });
    expect(chooseJsdom({ 'react-scripts': '^4.0.3' }).range).toBe('^16.4.0');
    expect(chooseJsdom({ jest: '^25.0.0', 'jest-environment-jsdom-sixteen': '^2.0.0' }).range).toBe('^16.4.0');
  });

  it('gives the default for no Jest, a Jest outside the table, or a range it cannot read', () => {
    for (const dependencies of [{}, { jest: '^24.9.0' }, { jest: '^31.0.0' }, { jest: 'workspace:*' }, { 'react-scripts': '3.4.1' }, { jest: 'latest', 'react-scripts': 'next' }]) {
      expect(chooseJsdom(dependencies), JSON.stringify(dependencies)).toEqual({ range: DEFAULT_JSDOM });
    }
  });
});
