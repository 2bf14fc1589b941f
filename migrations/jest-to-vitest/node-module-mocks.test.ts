import { describe, expect, it } from 'vitest';
import { COPY_MARKER, copyMarker, mockCopyPath, mockCopyText, mockRegistrations, nodeModuleMocks } from './node-module-mocks.js';
import readTestFiles from './test-files.js';
import { vitestSettings } from './vitest-settings.js';

const manifest = { dependencies: { axios: '^1', '@acme/ui': '^2', lodash: '^4', events: '^3' }, devDependencies: { zustand: '^4' } };
const files = [
  '__mocks__/axios.js',
  '__mocks__/fs.js', // Node's own: Jest uses it only when told (jest.mock('fs')), as Vitest does
  '__mocks__/events.js', // a package named like a Node module: Node's wins in Jest
  'src/__mocks__/@acme/ui.tsx',
  'src/__mocks__/lodash/flatten.js',
  'src/__mocks__/zustand/index.ts',
  'src/__mocks__/axios.js', // a second mock of axios: Jest warns and keeps one
  'src/utils/__mocks__/api.js', // a project module's mock: no package of that name
  'src/__mocks__/data.json',
  'node_modules/x/__mocks__/axios.js',
  'src/app.test.js',
];

describe('node-module mocks', () => {
  it('are the __mocks__ files named after a dependency (scoped, a path inside one, x/index), not Node built-ins, one per module', () => {
    expect(nodeModuleMocks(files, manifest)).toEqual([
      { module: 'axios', path: '__mocks__/axios.js' },
      { module: '@acme/ui', path: 'src/__mocks__/@acme/ui.tsx' },
      { module: 'lodash/flatten', path: 'src/__mocks__/lodash/flatten.js' },
      { module: 'zustand', path: 'src/__mocks__/zustand/index.ts' },
    ]);
  });

  it("are looked for under Jest's roots only when the config names them (CRA: <rootDir>/src)", () => {
    expect(nodeModuleMocks(files, manifest, ['<rootDir>/src']).map((mock) => mock.path)).toEqual(['src/__mocks__/@acme/ui.tsx', 'src/__mocks__/axios.js', 'src/__mocks__/lodash/flatten.js', 'src/__mocks__/zustand/index.ts']);
    expect(nodeModuleMocks(files, undefined)).toEqual([]);
  });

  it("include a mock of the package itself, which its own files import by name (dayjs's test/__mocks__/dayjs.js)", () => {
    expect(nodeModuleMocks(['test/__mocks__/dayjs.js', 'test/__mocks__/other.js'], { name: 'dayjs', devDependencies: { jest: '^22' } }, ['<rootDir>/test'])).toEqual([{ module: 'dayjs', path: 'test/__mocks__/dayjs.js' }]);
  });

  it('are copied to the root for Vitest and registered in the compat file: a root one by its .vitest copy, one elsewhere by name', () => {
    const [rooted, nested, index] = nodeModuleMocks(['__mocks__/axios.js', 'src/__mocks__/@acme/ui.tsx', 'src/__mocks__/zustand/index.ts'], manifest);
    expect([rooted, nested, index].map((mock) => mockCopyPath(mock!))).toEqual(['__mocks__/axios.vitest.js', '__mocks__/@acme/ui.vitest.tsx', '__mocks__/zustand.vitest.ts']);
    expect(mockCopyText(rooted!, 'x\n')).toBe('x\n');
    expect(mockCopyText(nested!, 'x\n')).toBe("// codemigrate: Vitest's copy of src/__mocks__/@acme/ui.tsx, which Jest keeps until the migration has finished.\nx\n");
    expect(COPY_MARKER.exec(mockCopyText(nested!, 'x\n'))?.[1]).toBe('src/__mocks__/@acme/ui.tsx');
    expect(mockRegistrations([rooted!, nested!, index!]).filter((line) => line.startsWith('vi.'))).toEqual([
      "vi.mock('axios', () => import('./__mocks__/axios.vitest.js'));",
      "vi.mock('@acme/ui');",
      "vi.mock('zustand');",
    ]);
    expect(mockRegistrations([])).toEqual([]);
  });

  it('keep naming the same files from the copy: relative module paths are rebased onto the root __mocks__', () => {
    const [dayjs] = nodeModuleMocks(['test/__mocks__/dayjs.js'], { name: 'dayjs' });
    // iamkun/dayjs @ 0f6c19e3b6: from __mocks__/, '../../src' is outside the project.
    expect(mockCopyText(dayjs!, "const dayjs = require('../../src')\n\nmodule.exports = dayjs\n")).toBe(`${copyMarker('test/__mocks__/dayjs.js')}const dayjs = require('../src')\n\nmodule.exports = dayjs\n`);
    const [ui] = nodeModuleMocks(['src/__mocks__/@acme/ui.tsx'], manifest);
    const text = [
      "import React from 'react';",
      "import { theme } from '../../theme';",
      "import './styles.css';",
      "export * from '../helpers/';",
      "const real = jest.requireActual('../../../node_modules/@acme/ui');",
      'const data = await import("./data.json");',
      "const path = require.resolve('.');",
      "const label = 'see ../../theme';",
    ].join('\n');
    expect(mockCopyText(ui!, text).split('\n').slice(1)).toEqual([
      "import React from 'react';",
      "import { theme } from '../../src/theme';",
      "import '../../src/__mocks__/@acme/styles.css';",
      "export * from '../../src/__mocks__/helpers/';",
      "const real = jest.requireActual('../../node_modules/@acme/ui');",
      'const data = await import("../../src/__mocks__/@acme/data.json");',
      "const path = require.resolve('../../src/__mocks__/@acme');",
      "const label = 'see ../../theme';",
    ]);
  });

  it("make setup copy and register them, and give a root mock (a test's own vi.mock loads it, still Jest's) a global jest", () => {
    const rooted = vitestSettings(manifest, undefined, false, true, nodeModuleMocks(['__mocks__/axios.js'], manifest));
    expect(rooted.copies.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '__mocks__/axios.js', to: '__mocks__/axios.vitest.js' }]);
    expect(rooted.compat.text).toContain("vi.mock('axios', () => import('./__mocks__/axios.vitest.js'));");
    expect(rooted.compat.text).toContain('Object.assign(globalThis, { jest: vi })');
    const nested = vitestSettings(manifest, undefined, false, true, nodeModuleMocks(['src/__mocks__/axios.js'], manifest));
    expect(nested.copies.map(({ from, to }) => ({ from, to }))).toEqual([{ from: 'src/__mocks__/axios.js', to: '__mocks__/axios.vitest.js' }]);
    expect(nested.compat.text).toContain("vi.mock('axios');");
    expect(nested.compat.text).not.toContain('{ jest: vi }');
    expect(vitestSettings(manifest, undefined, false, true).compat.text).not.toContain('vi.mock(');
  });

  it('are left out of the plan (modules.includeFrom exclude), under the roots of the config the scripts name', async () => {
    const texts: Record<string, string> = {
      'package.json': JSON.stringify({ ...manifest, scripts: { test: 'jest -c jest.config.json' } }),
      'jest.config.json': JSON.stringify({ roots: ['<rootDir>/src'] }),
      '__mocks__/axios.js': 'module.exports = { get: jest.fn() };\n',
      'src/__mocks__/zustand.ts': "export const create = jest.fn();\n",
      'src/__mocks__/api.js': 'module.exports = {};\n',
    };
    const project = { files: Object.keys(texts), read: async (path: string) => texts[path], readMany: async (paths: readonly string[]) => new Map(paths.map((path) => [path, texts[path]!] as const)) };
    expect((await readTestFiles(project)).exclude).toEqual(['src/__mocks__/zustand.ts']);
  });
});
