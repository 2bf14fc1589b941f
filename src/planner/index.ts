// Pure: recipe + files at the source commit → plan of steps with stable ids.

export { buildPlan, type PlanInput } from './build-plan.js';
export { selectSteps } from './select-steps.js';
export { assignStepIds, slugModule, type StepKey } from './step-ids.js';
export { selectCandidates, type FileEntry } from './candidates.js';
export { readWorkspaceGlobs, expandWorkspaces, type ReadText } from './workspaces.js';
export { ROOT_MODULE } from './modules.js';
export { checkAppliesTo, type Applicability, type ManifestText } from './applies-to.js';
