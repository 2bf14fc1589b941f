// The recipe's setup, as a run computes it, on a project whose test files and helpers import
// jest-dom 5's `extend-expect` themselves (casper-ui-kit's shape): setup raises jest-dom to 6, which
// has no such entry, so the base commit must name the main entry everywhere, or every file whose
// step is held back fails to load under Jest. The step's jest-api then gives the file `/vitest`.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodemodEngine } from '../../src/codemods/index.js';
import { loadRecipeFile } from '../../src/config/index.js';
import { toRepoPath, type RepoPath } from '../../src/core/paths.js';
import type { TreeFiles } from '../../src/edits/tree-files.js';
import { applyCodemods } from '../../src/runner/apply-codemods.js';
import { computeSetup } from '../../src/runner/run-setup.js';

const engine = createCodemodEngine();
afterAll(() => engine.close());

const PROJECT: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'ui-kit', version: '1.0.0', scripts: { test: 'jest' }, jest: { testEnvironment: 'jsdom', setupFilesAfterEnv: ['@testing-library/jest-dom/extend-expect', '<rootDir>/src/setupTests.js'] }, devDependencies: { '@testing-library/jest-dom': '^5.16.5', '@testing-library/react': '^14.0.0', jest: '^29.7.0', 'jest-environment-jsdom': '^29.7.0' } }, null, 2)}\n`,
  'src/button/button.test.jsx': "import { render, screen } from '@testing-library/react';\nimport '@testing-library/jest-dom/extend-expect';\nimport { Button } from './button';\n\nit('renders', () => {\n  render(<Button />);\n  expect(screen.getByRole('button')).toBeInTheDocument();\n});\n",
  'src/button/button.jsx': "export const Button = () => <button>ok</button>;\n",
  'test/helpers/render.js': "require(\"@testing-library/jest-dom/extend-expect\");\nmodule.exports = require('@testing-library/react');\n",
  'src/setupTests.js': "import '@testing-library/jest-dom/extend-expect';\n",
  'tsconfig.json': '{\n  "compilerOptions": { "jsx": "react-jsx", "types": ["jest", "@testing-library/jest-dom/extend-expect"] }\n}\n',
  'src/plain.test.js': "it('adds', () => expect(1 + 2).toBe(3));\n",
};

function tree(files: Readonly<Record<string, string>>): TreeFiles {
  const texts = new Map(Object.entries(files).map(([path, text]) => [toRepoPath(path), text] as const));
  return {
    commit: 'c0',
    entries: new Map([...texts.keys()].map((path) => [path, { path, mode: '100644', oid: path }] as const)),
    read: async (paths: readonly RepoPath[]) => paths.flatMap((path) => (texts.has(path) ? [{ path, text: texts.get(path)! }] : [])),
    readOne: async (path) => texts.get(path),
  };
}

describe('jest-dom raised to 6 at setup', () => {
  it("names jest-dom's main entry in every file that imported extend-expect, and a migrated step gets /vitest", async () => {
    const recipe = await loadRecipeFile(join(import.meta.dirname, '../../recipes/jest-to-vitest.json'), { builtin: true });
    const setup = await computeSetup(engine, recipe.setup, tree(PROJECT), 'recipes/jest-to-vitest.json');
    const after = new Map(Object.entries(PROJECT));
    for (const [path, text] of setup.overlay) after.set(path, text);

    expect(JSON.parse(after.get('package.json')!).devDependencies['@testing-library/jest-dom']).toBe('~6.9.1');
    expect(after.get('src/button/button.test.jsx')).toBe(PROJECT['src/button/button.test.jsx']!.replace('/extend-expect', ''));
    expect(after.get('test/helpers/render.js')).toBe('require("@testing-library/jest-dom");\nmodule.exports = require(\'@testing-library/react\');\n');
    expect(after.get('tsconfig.json')).toContain('"types": ["jest", "@testing-library/jest-dom"]');
    // Jest keeps its setup file, on the main entry; Vitest's copy takes /vitest.
    expect(after.get('src/setupTests.js')).toBe("import '@testing-library/jest-dom';\n");
    expect(after.get('src/setupTests.vitest.js')).toContain("import '@testing-library/jest-dom/vitest';");
    // package.json's "jest" key moved into a Jest config of its own: it names the main entry too.
    const jestConfig = [...after.keys()].find((path) => /^jest\.config\.c?js$/.test(path));
    expect(after.get(jestConfig!)).toContain('"@testing-library/jest-dom"');
    expect([...after].filter(([, text]) => text.includes('jest-dom/extend-expect')).map(([path]) => path)).toEqual([]);
    // Files that do not name the entry are left alone, and unparsed: only package.json was read whole.
    expect(setup.overlay.has(toRepoPath('src/plain.test.js'))).toBe(false);
    const summary = setup.codemods.find((codemod) => codemod.codemod.endsWith('jest-dom-entry.ts'));
    expect(summary).toMatchObject({ unchanged: 1, errors: 0 });
    expect(summary!.skipped).toBeGreaterThanOrEqual(2);

    const jestApi = recipe.steps.find((step) => step.kind === 'codemod' && step.name.endsWith('jest-api.ts'));
    const step = await applyCodemods(engine, [jestApi as Extract<typeof jestApi, { kind: 'codemod' }>], [{ path: toRepoPath('src/button/button.test.jsx'), text: after.get('src/button/button.test.jsx')! }]);
    expect(step.texts.get(toRepoPath('src/button/button.test.jsx'))).toContain("import '@testing-library/jest-dom/vitest';");
  });
});
