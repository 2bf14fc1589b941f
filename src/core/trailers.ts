// Commit trailers of the contract. A step commit carries Run, Step, Recipe, Attempts and
// Recipe-Hash (the recipe version it was made with); the base commit carries Run, Recipe,
// Recipe-Hash, Recipe-File and Source (the user's commit the run started from), and Only when the
// run selected steps with --only.

export const TRAILER_RUN = 'Codemigrate-Run';
export const TRAILER_STEP = 'Codemigrate-Step';
export const TRAILER_RECIPE = 'Codemigrate-Recipe';
export const TRAILER_ATTEMPTS = 'Codemigrate-Attempts';
export const TRAILER_SOURCE = 'Codemigrate-Source';
export const TRAILER_RECIPE_HASH = 'Codemigrate-Recipe-Hash';
export const TRAILER_RECIPE_FILE = 'Codemigrate-Recipe-File';
/** On the base commit of a run made with `--only GLOB`: the glob, so that a rebuild from the refs plans the same steps. */
export const TRAILER_ONLY = 'Codemigrate-Only';
/**
 * On the branch commit of a step that ended with changes but not succeeded (needs-model, failed,
 * budget-exhausted): `no`. The branch holds the step's last attempt for a person to finish; it is
 * never landed as it is.
 */
export const TRAILER_VERIFIED = 'Codemigrate-Verified';
/** On the commit codemigrate adds when commits a person made on a step branch passed verify: who made them (one trailer per author). */
export const TRAILER_FINISHED_BY = 'Codemigrate-Finished-By';
/** On the top commit of a land's result: `passed`, or `unverified` when something regressed. */
export const TRAILER_VERDICT = 'Codemigrate-Verdict';

/** Full ref name of a run's branch: refs/heads/<prefix>/<run>/<leaf>. */
export function runRef(prefix: string, runId: string, leaf: string): string {
  return `refs/heads/${prefix}/${runId}/${leaf}`;
}

/** Text from outside (module paths, codemod output) made safe for one line of a commit message. */
export function sanitizeLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
