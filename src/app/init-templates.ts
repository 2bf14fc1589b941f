// Pure: the files `codemigrate init` writes for a new recipe — the recipe, a transform typed with
// codemigrate/transform, one fixture pair and its test — as repo-relative path → text.

import type { Engine } from '../core/recipe.js';

export interface ScaffoldInput {
  /** The recipe's id: its folder, `codemigrate/<name>/`, and its test's name. */
  readonly name: string;
  readonly engine: Engine;
  /** `$schema` of the recipe: the path of codemigrate's schemas/recipe.schema.json from the recipe's folder. */
  readonly schema: string;
}

export function scaffoldFiles({ name, engine, schema }: ScaffoldInput): Record<string, string> {
  const dir = `codemigrate/${name}`;
  return {
    [`${dir}/recipe.json`]: recipeJson(name, engine, schema),
    [`${dir}/transform.ts`]: engine === 'jscodeshift' ? JSCODESHIFT_TRANSFORM : TS_MORPH_TRANSFORM,
    [`${dir}/__testfixtures__/basic.input.ts`]: FIXTURE_INPUT,
    [`${dir}/__testfixtures__/basic.output.ts`]: FIXTURE_OUTPUT,
    [`${dir}/${name}.test.ts`]: testFile(engine),
  };
}

/** The two commands the scaffold is meant for: its fixture test, and a run. */
export function scaffoldCommands(name: string): { test: string; run: string } {
  return { test: `npx vitest run codemigrate/${name}`, run: `npx codemigrate run codemigrate/${name}/recipe.json` };
}

const OPTIONS = { from: 'oldName', to: 'newName' };

function recipeJson(name: string, engine: Engine, schema: string): string {
  const step = engine === 'jscodeshift' ? { codemod: './transform.ts', engine, parser: 'tsx', options: OPTIONS } : { codemod: './transform.ts', engine, options: OPTIONS };
  const recipe = {
    $schema: schema,
    id: name,
    description: `${name}: rename ${OPTIONS.from} to ${OPTIONS.to} (edit me)`,
    modules: {
      by: 'directory',
      include: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      // The recipe's own folder holds fixtures that must stay as they are.
      exclude: ['**/node_modules/**', '**/dist/**', '**/codemigrate/**'],
      maxFilesPerStep: 40,
    },
    steps: [step],
    verify: [{ run: 'npm test', timeoutSeconds: 600 }],
    isolation: 'independent',
  };
  return `${JSON.stringify(recipe, null, 2)}\n`;
}

const JSCODESHIFT_TRANSFORM = `// A jscodeshift transform for codemigrate: (file, api, options) → the file's new text.
// Returning null (or nothing) skips the file; a string equal to the input leaves it unchanged;
// a throw is that file's error. api.report(...) records a leftover for the step's model step.
import type { JscodeshiftTransform } from 'codemigrate/transform';

/** Renames every identifier \`options.from\` to \`options.to\` (the recipe step's options). */
const transform: JscodeshiftTransform = (file, api, options) => {
  const j = api.jscodeshift;
  const from = typeof options['from'] === 'string' ? options['from'] : 'oldName';
  const to = typeof options['to'] === 'string' ? options['to'] : 'newName';
  const root = j(file.source);
  const found = root.find(j.Identifier, { name: from });
  if (found.length === 0) return null;
  found.forEach((path) => {
    path.node.name = to;
  });
  root.find(j.StringLiteral).forEach((path) => {
    if (path.node.value.includes(from)) api.report({ line: path.node.loc?.start.line ?? 1, message: \`a string still says \${from}\` });
  });
  return root.toSource();
};

export default transform;
`;

const TS_MORPH_TRANSFORM = `// A ts-morph transform for codemigrate: (sourceFile, ctx) → a string (the file's new text),
// null or false (skipped), or nothing (the edited tree's text). A throw is that file's error;
// ctx.report(...) records a leftover for the step's model step.
import type { TsMorphTransform } from 'codemigrate/transform';

/** Renames every identifier \`options.from\` to \`options.to\` (the recipe step's options). */
const transform: TsMorphTransform = (sourceFile, ctx) => {
  const from = typeof ctx.options['from'] === 'string' ? ctx.options['from'] : 'oldName';
  const to = typeof ctx.options['to'] === 'string' ? ctx.options['to'] : 'newName';
  const found = sourceFile.getDescendants().filter((node) => node.getKindName() === 'Identifier' && node.getText() === from);
  if (found.length === 0) return null;
  // Text splices, last first: every byte around the names stays as it was.
  let text = sourceFile.getFullText();
  for (const node of found.reverse()) text = text.slice(0, node.getStart()) + to + text.slice(node.getEnd());
  return text;
};

export default transform;
`;

// Self-contained: the project's own tsc (and linter) checks it wherever its tsconfig reaches.
const FIXTURE_INPUT = `export function oldName(): number {
  return 1;
}

export const two = oldName() + 1;
`;

const FIXTURE_OUTPUT = FIXTURE_INPUT.replaceAll('oldName', 'newName');

function testFile(engine: Engine): string {
  const parser = engine === 'jscodeshift' ? "\n  parser: 'tsx'," : '';
  return `// Each __testfixtures__/X.input.ts must become X.output.ts (with X.reports.json's reports, if
// any; X.options.json's options, if any), and X.output.ts must stay as it is when run again.
import { defineTransformTest } from 'codemigrate/testing';

defineTransformTest({
  transform: new URL('./transform.ts', import.meta.url),
  fixtures: new URL('./__testfixtures__', import.meta.url),
  // As the step in recipe.json:
  engine: '${engine}',${parser}
  options: { from: '${OPTIONS.from}', to: '${OPTIONS.to}' },
});
`;
}
