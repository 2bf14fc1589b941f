// The sandbox a run's (or land's) verify, install and checks run in, chosen once per command: the
// machine's bubblewrap, or none. Without one, model-written code is verified only when the user
// said so (--unsafe-verify or "unsafeVerify": true), and every command says it ran unsandboxed.

import { usageError } from '../core/errors.js';
import type { Config } from '../core/recipe.js';
import { detectSandbox, type Sandbox } from '../verify/sandbox.js';
import type { AppOutput } from './output.js';

export function verifySandbox(config: Config, unsafeVerify: boolean | undefined, output: AppOutput): Sandbox {
  const sandbox = detectSandbox();
  if (sandbox.kind !== 'none') return sandbox;
  if (config.model !== undefined && unsafeVerify !== true && config.unsafeVerify !== true) {
    throw usageError(
      `verify sandbox: ${sandbox.description}; a model is configured, and its code would run there. Install bubblewrap (Debian: apt-get install bubblewrap), or accept the risk with --unsafe-verify (or "unsafeVerify": true in migration.config.json)`,
    );
  }
  output.emit({ type: 'notice', message: `verify sandbox: ${sandbox.description}` });
  return sandbox;
}
