// Pure: small named rules over a recipe that passed its schema, each a problem the schema
// alone cannot see. Each returns the problems it finds; every rule runs.

import type { JsonPath } from './problems.js';
import type { RecipeInput } from './recipe-schema.js';

export interface RuleProblem {
  readonly path: JsonPath;
  readonly message: string;
}

type Rule = (recipe: RecipeInput) => RuleProblem[];

/** A model step that only answers reported leftovers needs a codemod before it to report them. */
const modelStepCanTrigger: Rule = (recipe) => {
  const problems: RuleProblem[] = [];
  let codemodSeen = false;
  recipe.steps.forEach((step, index) => {
    if ('codemod' in step) {
      codemodSeen = true;
      return;
    }
    if (!codemodSeen && step.model.when.every((trigger) => trigger === 'reported')) {
      problems.push({
        path: ['steps', index, 'model', 'when'],
        message: 'can never trigger: no codemod step comes before it to report leftovers (add "verify-failed" or "always")',
      });
    }
  });
  return problems;
};

const noDuplicateTriggers: Rule = (recipe) =>
  recipe.steps.flatMap((step, index) => {
    if (!('model' in step)) return [];
    const duplicates = step.model.when.filter((trigger, at) => step.model.when.indexOf(trigger) !== at);
    return [...new Set(duplicates)].map((trigger) => ({
      path: ['steps', index, 'model', 'when'],
      message: `lists ${JSON.stringify(trigger)} more than once`,
    }));
  });

/** ts-morph parses with TypeScript; a parser name or a jscodeshift there would be silently ignored. */
const jscodeshiftFieldsOnlyForJscodeshift: Rule = (recipe) => {
  const entries = [
    ...recipe.setup.map((entry, index) => ({ entry, path: ['setup', index] as const })),
    ...recipe.steps.map((entry, index) => ({ entry, path: ['steps', index] as const })),
    ...recipe.finish.map((entry, index) => ({ entry, path: ['finish', index] as const })),
  ];
  return entries.flatMap(({ entry, path }) => {
    if (!('codemod' in entry) || entry.engine !== 'ts-morph') return [];
    return [
      ...(entry.parser !== undefined ? [{ path: [...path, 'parser'], message: 'applies only to the jscodeshift engine; ts-morph always parses with TypeScript' }] : []),
      ...(entry.jscodeshift !== undefined ? [{ path: [...path, 'jscodeshift'], message: 'applies only to the jscodeshift engine; a ts-morph codemod runs with codemigrate\'s ts-morph' }] : []),
    ];
  });
};

/** An appliesTo that names nothing would refuse every repository. */
const appliesToNamesSomething: Rule = (recipe) =>
  recipe.appliesTo !== undefined && recipe.appliesTo.dependencies.length === 0 && recipe.appliesTo.files.length === 0
    ? [{ path: ['appliesTo'], message: 'needs a non-empty "dependencies" or "files" list (or leave appliesTo out: the recipe then applies everywhere)' }]
    : [];

/** A codemod's `context` arrives as `options.context`: an option of that name would be overwritten. */
const contextNotAlsoAnOption: Rule = (recipe) =>
  (['setup', 'steps', 'finish'] as const).flatMap((phase) =>
    (recipe[phase] ?? []).flatMap((entry, index) =>
      'codemod' in entry && entry.context !== undefined && entry.options !== undefined && 'context' in entry.options
        ? [{ path: [phase, index, 'options', 'context'], message: 'is where the codemod\'s "context" files are handed over; rename this option' }]
        : [],
    ),
  );

const RULES: readonly Rule[] = [modelStepCanTrigger, noDuplicateTriggers, jscodeshiftFieldsOnlyForJscodeshift, appliesToNamesSomething, contextNotAlsoAnOption];

export function checkRecipeRules(recipe: RecipeInput): RuleProblem[] {
  return RULES.flatMap((rule) => rule(recipe));
}
