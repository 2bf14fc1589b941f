// Whether a run exists (state on disk or a base branch), for commands whose first positional
// argument may be a run id or a step id.

import { loadConfig } from '../config/index.js';
import { runRef } from '../core/trailers.js';
import { openRunStore, checkRunId } from '../state/store.js';
import { openRepository } from './repository.js';

export async function runExists(repoDir: string, runId: string): Promise<boolean> {
  if (checkRunId(runId) !== undefined) return false;
  const repo = await openRepository(repoDir);
  try {
    if (await openRunStore(repo.git.gitDir, runId).exists()) return true;
    const config = await loadConfig(repo.git.root);
    return (await repo.git.listRefs(runRef(config.branchPrefix, runId, 'base'))).length > 0;
  } finally {
    await repo.git.close();
  }
}
