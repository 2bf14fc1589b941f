// Schema pieces shared by recipes and the config: names that end up in git refs, globs, verify commands.

import { z } from 'zod';
import { CHECK_PARSERS } from '../core/checks.js';
import { DEFAULT_VERIFY_TIMEOUT_SECONDS, type CheckCommand } from '../core/recipe.js';
import { strictObject } from './strict-object.js';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const REF_SEGMENT_PATTERN = /^[A-Za-z0-9._-]+$/;

/** Why `id` cannot be a recipe id, or undefined when it can. */
export function checkRecipeId(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return 'must start with a-z or 0-9 and contain only a-z, 0-9, ".", "_" and "-"';
  if (id.includes('..')) return 'must not contain ".."';
  if (id.endsWith('.lock')) return 'must not end with ".lock"';
  if (id.length > 100) return 'must be at most 100 characters';
  return undefined;
}

/** Why `prefix` cannot start a branch name, or undefined when it can. */
export function checkBranchPrefix(prefix: string): string | undefined {
  const segments = prefix.split('/');
  if (segments.some((segment) => segment === '')) return 'must be segments separated by single "/", with no leading or trailing "/"';
  if (!segments.every((segment) => REF_SEGMENT_PATTERN.test(segment))) return 'segments may contain only A-Z, a-z, 0-9, ".", "_" and "-"';
  if (prefix.includes('..')) return 'must not contain ".."';
  if (segments.some((segment) => segment.startsWith('.'))) return 'no segment may start with "."';
  if (segments.some((segment) => segment.endsWith('.lock'))) return 'no segment may end with ".lock"';
  return undefined;
}

/** Why `glob` is not a repo-relative glob, or undefined when it is. */
export function checkGlob(glob: string): string | undefined {
  if (glob.startsWith('/')) return `glob ${JSON.stringify(glob)} must be relative to the repository root`;
  if (glob.includes('\\')) return `glob ${JSON.stringify(glob)} must use "/" as the separator`;
  return undefined;
}

const withCheck = (check: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const reason = check(value);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: reason });
  });

export const recipeIdSchema = withCheck(checkRecipeId);
export const branchPrefixSchema = withCheck(checkBranchPrefix);
export const globSchema = withCheck((glob) => (glob === '' ? 'glob must not be empty' : checkGlob(glob)));

export const verifyCommandSchema = strictObject({
  run: z.string().trim().min(1),
  timeoutSeconds: z.number().int().positive().default(DEFAULT_VERIFY_TIMEOUT_SECONDS),
});

/**
 * A check (an entry of `verify`): a command, how its output is read, and optionally the command
 * that takes its baseline on the source commit when setup replaces the tool (Jest → Vitest).
 */
export const checkCommandSchema = strictObject({
  run: z.string().trim().min(1),
  timeoutSeconds: z.number().int().positive().default(DEFAULT_VERIFY_TIMEOUT_SECONDS),
  parser: z.enum(CHECK_PARSERS).default('exit-code'),
  /** The check needs the network in the sandbox (checks run without one by default). */
  network: z.boolean().optional(),
  /** A process kept for the run that answers the check for each step's worktree (tsc-kept.mjs --serve). */
  serve: z.string().trim().min(1).optional(),
  baseline: strictObject({
    run: z.string().trim().min(1),
    parser: z.enum(CHECK_PARSERS).optional(),
    timeoutSeconds: z.number().int().positive().optional(),
  }).optional(),
}).superRefine((check, ctx) => {
  // The kept process answers for the whole tree, in place of the one command `run` is.
  if (check.serve === undefined) return;
  if (/\{(files|module)\}/.test(check.run)) ctx.addIssue({ code: 'custom', path: ['serve'], message: 'a check whose run names {files} or {module} cannot have serve: the kept process checks the whole project' });
  if (check.baseline !== undefined) ctx.addIssue({ code: 'custom', path: ['serve'], message: 'a check with a baseline command cannot have serve: the kept process is the step\'s tool' });
  // What else a run may name has no value for a process started once: {files}/{module} are a step's, {cache}/{report} a command's.
  const named = [...check.serve.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((name) => name !== 'recipeDir');
  if (named.length > 0) ctx.addIssue({ code: 'custom', path: ['serve'], message: `serve may name {recipeDir} only, not ${named.map((name) => `{${name}}`).join(', ')}: the kept process is started once for the run` });
}).transform(({ baseline, network, serve, ...fields }): CheckCommand => {
  const check = { ...fields, ...(network === true && { network }), ...(serve !== undefined && { serve }) };
  if (baseline === undefined) return check;
  const { parser, timeoutSeconds } = baseline;
  return { ...check, baseline: { run: baseline.run, ...(parser && { parser }), ...(timeoutSeconds && { timeoutSeconds }) } };
});
