// Checkpoint cost through the GitPort of the build (dist/git/index.js): one writeCommit with ~10
// changed files on top of the base commit, then createRef of a new branch, timed per commit.

import { performance } from 'node:perf_hooks';
import { git as runGit } from './git-env.mjs';
import { percentile } from './stats.mjs';

export async function measureCheckpoints({ distDir, repo, files, commits, changedPerCommit = 10, warmup = 5 }) {
  const { openGitRepo } = await import(`${distDir}/git/index.js`);
  const git = await openGitRepo(repo);
  try {
    const head = await git.headCommit();
    const samples = { total: [], writeCommit: [], createRef: [] };
    const runTag = `${process.pid}-${Date.now()}`;
    for (let index = 0; index < warmup + commits; index += 1) {
      const changes = [];
      for (let k = 0; k < changedPerCommit; k += 1) {
        const path = files[(index * changedPerCommit + k) % files.length];
        changes.push({ path, content: `// checkpoint ${runTag} ${index} ${k}\nexport const value = ${index * 100 + k};\n` });
      }
      const started = performance.now();
      const { commit } = await git.writeCommit({ parent: head, changes, message: `bench checkpoint ${index}\n` });
      const written = performance.now();
      const created = await git.createRef(`refs/heads/bench-checkpoint/${runTag}/${index}`, commit);
      const ended = performance.now();
      if (created !== 'created') throw new Error(`createRef: ${created}`);
      if (index < warmup) continue;
      samples.total.push(ended - started);
      samples.writeCommit.push(written - started);
      samples.createRef.push(ended - written);
    }
    const summary = (values) => ({ p50: percentile(values, 50), p90: percentile(values, 90) });
    return {
      commits,
      total: summary(samples.total),
      writeCommit: summary(samples.writeCommit),
      createRef: summary(samples.createRef),
    };
  } finally {
    await git.close();
    const refs = runGit(repo, 'for-each-ref', '--format=delete %(refname)', 'refs/heads/bench-checkpoint/');
    if (refs) runGit(repo, 'update-ref', '--stdin', { input: `${refs}\n` });
  }
}
