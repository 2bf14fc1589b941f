// The recipe file as written (DESIGN.md "Recipe"): strict, with defaults. Normalising paths and
// reading files happens in load-recipe.ts; cross-field rules in recipe-rules.ts.

import { z } from 'zod';
import { ENGINES, FORMATTERS, ISOLATIONS, MODEL_TRIGGERS, MODULE_GROUPINGS } from '../core/recipe.js';
import { checkCommandSchema, globSchema, recipeIdSchema, verifyCommandSchema } from './common-schemas.js';
import { strictObject } from './strict-object.js';

const codemodFields = {
  codemod: z.string().min(1),
  engine: z.enum(ENGINES),
  parser: z.string().min(1).optional(),
  // A package name or a folder path, resolved beside the recipe; load-recipe checks that it is one.
  jscodeshift: z.string().min(1).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  // false: the transform reads more than the file it is given (the disk): never from the result cache.
  cache: z.literal(false).optional(),
};

export const codemodEntry = strictObject({
  ...codemodFields,
  // A step's codemod may see only some of the step's files (types-react-codemod parses every file
  // that is not .tsx as TypeScript without JSX, and throws on a .jsx one).
  files: z.array(globSchema).min(1).optional(),
  // Files of the step's parent commit the transform reads and never changes (the root package.json):
  // the runner hands their text over as `options.context`, path → text.
  context: z.array(globSchema).min(1).optional(),
});

export const setupEntrySchema = strictObject({
  ...codemodFields,
  files: z.array(globSchema).min(1).default(['package.json']),
  // Files the transform reads and never changes, as they stand when it runs (the source commit with
  // the earlier setup or finish codemods' edits): a lockfile, the package.json setup raised.
  context: z.array(globSchema).min(1).optional(),
});

export const modelEntry = strictObject({
  model: strictObject({
    instructions: z.string().min(1),
    when: z.array(z.enum(MODEL_TRIGGERS)).min(1).default(['reported', 'verify-failed']),
  }),
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A step is a codemod entry or a model entry. A plain union would report both branches' issues;
// choosing the branch by its key reports only the issues of the entry the author meant.
export const stepEntrySchema = z.unknown().transform((value, ctx) => {
  if (!isObject(value) || (!('codemod' in value) && !('model' in value))) {
    ctx.addIssue({ code: 'custom', message: 'expected a codemod step { "codemod", "engine" } or a model step { "model" }' });
    return z.NEVER;
  }
  const branch = 'model' in value && !('codemod' in value) ? modelEntry : codemodEntry;
  const parsed = branch.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
  return z.NEVER;
});

// An npm package name as written in package.json, or a whole scope ("@jest/*"): a full glob
// language would invite patterns nobody can read in an error message.
const dependencyNameSchema = z.string().superRefine((name, ctx) => {
  if (name.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
  else if (name.includes('*') && !/^@[^/*\s]+\/\*$/.test(name)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(name)}: only a whole scope may be matched, written "@scope/*"` });
  }
});

export const appliesToSchema = strictObject({
  dependencies: z.array(dependencyNameSchema).default([]),
  files: z.array(globSchema).default([]),
});

export const recipeSchema = strictObject({
  // The JSON Schema an editor checks the file with (schemas/recipe.schema.json): no meaning here.
  $schema: z.string().optional(),
  id: recipeIdSchema,
  description: z.string().trim().min(1),
  appliesTo: appliesToSchema.optional(),
  modules: strictObject({
    by: z.enum(MODULE_GROUPINGS).default('directory'),
    include: z.array(globSchema).min(1),
    // A file path relative to the recipe; load-recipe checks that it exists.
    includeFrom: z.string().min(1).optional(),
    exclude: z.array(globSchema).default(['**/node_modules/**']),
    maxFilesPerStep: z.number().int().min(1).default(40),
  }),
  setup: z.array(setupEntrySchema).default([]),
  // Like setup, applied by land once every step of the plan has landed.
  finish: z.array(setupEntrySchema).default([]),
  steps: z.array(stepEntrySchema).min(1),
  verify: z.array(checkCommandSchema).default([]),
  install: verifyCommandSchema.optional(),
  isolation: z.enum(ISOLATIONS).default('independent'),
  // The project's formatters over the files a step changed, in order; only those its package.json names run.
  format: z.array(z.enum(FORMATTERS)).min(1).optional(),
});

export type RecipeInput = z.output<typeof recipeSchema>;
export type SetupEntry = z.output<typeof setupEntrySchema>;
export type StepEntry = z.output<typeof stepEntrySchema>;
