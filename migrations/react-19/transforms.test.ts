// Fixture tests for the react-19 recipe, through codemigrate/testing's defineTransformTest (the
// engine a run uses): one folder of X.input / X.output pairs per transform in __testfixtures__,
// each output proven a fixed point. The community transforms the recipe names by package
// (react-codemod's update-react-imports, types-react-codemod's preset-19) run unmodified, resolved
// beside the recipe as a run resolves them, with the recipe's own options: their fixtures pin what
// the composition does, and fail when an upgrade of either package changes it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineTransformTest } from '../../src/testing.js';

const HERE = import.meta.dirname;
const RECIPE = join(HERE, '../../recipes/react-19.json');
const FIXTURES = join(HERE, '__testfixtures__');

interface RecipeStep {
  readonly codemod?: string;
  readonly options?: Record<string, unknown>;
}
const recipe = JSON.parse(readFileSync(RECIPE, 'utf8')) as { steps: RecipeStep[] };
const stepOf = (codemod: string): RecipeStep => {
  const step = recipe.steps.find((s) => s.codemod === codemod);
  if (!step) throw new Error(`recipes/react-19.json names no step ${codemod}`);
  return step;
};

for (const name of ['replace-reactdom-render', 'report-removed-apis', 'replace-act-import', 'replace-use-form-state']) {
  stepOf(`../migrations/react-19/${name}.ts`);
  defineTransformTest({ title: name, transform: join(HERE, `${name}.ts`), fixtures: join(FIXTURES, name), engine: 'jscodeshift', parser: 'tsx' });
}

defineTransformTest({ title: 'package-json', transform: join(HERE, 'package-json.ts'), fixtures: join(FIXTURES, 'package-json'), engine: 'ts-morph' });

const resolveBesideRecipe = createRequire(RECIPE).resolve;
for (const [folder, codemod] of [
  ['update-react-imports', 'react-codemod/transforms/update-react-imports'],
  ['preset-19', 'types-react-codemod/transforms/preset-19'],
] as const) {
  const step = stepOf(codemod);
  defineTransformTest({
    title: `${codemod} (community, unmodified)`,
    transform: resolveBesideRecipe(codemod),
    fixtures: join(FIXTURES, folder),
    engine: 'jscodeshift',
    parser: 'tsx',
    ...(step.options !== undefined && { options: step.options }),
  });
}
