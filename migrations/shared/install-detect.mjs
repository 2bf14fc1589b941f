// Pure: how a project installs its dependencies, read from a listing of its files and the texts of
// the few that matter (package.json, yarn.lock's head, CI configs) → the install to run after a
// migration changed package.json (or land's frozen one), and the program that runs it given what
// PATH offers. No file system, no PATH, no child process: install-deps.mjs supplies and runs them.
// Plain JavaScript, because recipes run install-deps.mjs with `node` inside the project.

/** Lockfiles in the order a project with several is read (npm first, as land's frozen install). */
const LOCKFILES = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

const MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'];

/** CI configs whose install command is read, besides every `.github/workflows/*.y(a)ml`. */
export const CI_FILES = ['.gitlab-ci.yml', '.circleci/config.yml', 'azure-pipelines.yml'];

/** Files whose text the detection reads (package.json, the head of yarn.lock, CI configs). */
export function wantedTexts(files) {
  return files.filter((file) => file === 'package.json' || file === 'yarn.lock' || isCiFile(file));
}

export function isCiFile(file) {
  return CI_FILES.includes(file) || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file);
}

/** `"packageManager": "pnpm@8.15.0+sha512.…"` → { name: 'pnpm', version: '8.15.0' }. */
export function readPackageManager(packageJson) {
  let field;
  try {
    field = JSON.parse(packageJson ?? 'null')?.packageManager;
  } catch {
    return undefined;
  }
  const match = typeof field === 'string' ? /^(npm|pnpm|yarn|bun)@(\d+[^+\s]*)/.exec(field) : null;
  return match ? { name: match[1], version: match[2] } : undefined;
}

/** Flags that make an install frozen, offline, quiet, or production-only: never carried over. */
const DROPPED = new Set([
  '--frozen-lockfile', '--immutable', '--immutable-cache', '--check-cache', '--pure-lockfile', '--no-lockfile',
  '--prefer-offline', '--offline', '--silent', '--quiet', '-s', '--no-progress', '--progress',
  '--no-audit', '--audit', '--no-fund', '--fund', '--loglevel', '--reporter', '--color', '--no-color',
  '--production', '--prod', '-P', '--omit', '--only', '--inline-builds', '--ci', '--no-frozen-lockfile',
]);
/** Flags that take the next word as their value (dropped with it: caches, timeouts, registries). */
const WITH_VALUE = new Set(['--cache', '--cache-folder', '--cache-dir', '--store-dir', '--network-timeout', '--registry', '--loglevel', '--reporter', '--omit', '--only', '--mutex', '--modules-folder', '--virtual-store-dir']);
/** Flags that point the install at another folder or a part of a workspace: not the project's install. */
const ELSEWHERE = /^(--prefix|--cwd|-C|--dir|--filter|-F|--workspace|-w|--global|-g)(=|$)/;

/**
 * The install commands in a CI config's text, as { manager, frozen, flags }: `npm ci`, `npm i`,
 * `npm install`, `pnpm i|install`, `yarn [install]`, `bun i|install`, also behind `npx` or
 * `corepack`. Commands that name packages (`npm i -g pnpm`) or another folder are not the project's.
 */
export function ciInstalls(text) {
  const found = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').replace(/^\s*-\s+/, '').replace(/^\s*(run|script|command)\s*:\s*/, '');
    for (const segment of line.split(/&&|\|\||[;|]/)) {
      const words = segment.trim().replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean);
      const at = words.findIndex((word) => MANAGERS.includes(word));
      if (at < 0 || (at > 0 && !['npx', 'corepack', 'sudo', 'env'].includes(words[at - 1]) && !/^[A-Z_][A-Z0-9_]*=/.test(words[at - 1]))) continue;
      const manager = words[at];
      let rest = words.slice(at + 1);
      const verb = rest[0];
      if (verb === 'ci' && manager === 'npm') rest = rest.slice(1);
      else if (verb === 'install' || verb === 'i') rest = rest.slice(1);
      else if (!(manager === 'yarn' && (verb === undefined || verb.startsWith('-')))) continue;
      const flags = installFlags(rest);
      if (flags) found.push({ manager, frozen: verb === 'ci' || rest.some((w) => /^--(frozen-lockfile|immutable)$/.test(w)), flags });
    }
  }
  return found;
}

/** The flags to carry from one install command's arguments, or undefined when it is not a project install. */
function installFlags(args) {
  const flags = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (ELSEWHERE.test(word)) return undefined;
    if (!word.startsWith('-')) return undefined; // a package name: `npm i -g pnpm`, `yarn add x`
    const name = word.split('=')[0];
    if (WITH_VALUE.has(word)) i++;
    if (DROPPED.has(name) || WITH_VALUE.has(name)) continue;
    flags.push(word);
  }
  return flags;
}

/** The manager a project names or its lockfile implies: { name, version?, source, lockfile? }. */
export function detectManager(files, texts) {
  const has = new Set(files);
  const declared = readPackageManager(texts['package.json']);
  const lockfile = LOCKFILES.find(([file]) => has.has(file));
  const ownLockfile = (name) => LOCKFILES.find(([file, manager]) => manager === name && has.has(file))?.[0];
  if (declared) return { name: declared.name, version: declared.version, source: 'packageManager', lockfile: ownLockfile(declared.name) ?? lockfile?.[0] };
  if (lockfile) return { name: lockfile[1], source: lockfile[0], lockfile: lockfile[0] };
  return { name: 'npm', source: 'no lockfile' };
}

/** Yarn 2+ ("berry"): its lockfile starts with `__metadata`; or package.json names yarn ≥ 2. */
export function isYarnBerry(manager, texts) {
  if (manager.version !== undefined) return Number.parseInt(manager.version, 10) >= 2;
  return /^__metadata:/m.test(texts['yarn.lock'] ?? '');
}

/**
 * Pure: the install to run. `files` are paths relative to the project root (the root's entries and
 * the CI configs); `texts` maps some of them (see wantedTexts) to their text. With `frozen` (land's
 * check of a result), the install from the manager's own lockfile that CI would run (`npm ci`,
 * `--frozen-lockfile`, `--immutable`), with the same flags; without that lockfile, the plain one.
 * → { manager, version?, berry, source, lockfile?, args, env, carried, ciFile?, reason }
 */
export function planInstall(files, texts, options = {}) {
  const manager = detectManager(files, texts);
  const frozen = options.frozen === true && LOCKFILES.some(([file, name]) => name === manager.name && files.includes(file));
  const berry = manager.name === 'yarn' && isYarnBerry(manager, texts);
  // CI's first install command of this manager that has flags worth carrying (a docs job's bare
  // `npm ci` must not hide the test job's `npm ci --legacy-peer-deps`).
  let carried = [];
  let ciFile;
  for (const file of files.filter(isCiFile).sort(ciOrder)) {
    const install = ciInstalls(texts[file] ?? '').find((command) => command.manager === manager.name && command.flags.length > 0);
    if (install) {
      carried = install.flags;
      ciFile = file;
      break;
    }
  }
  const base = frozen
    ? { npm: ['ci', '--no-audit', '--no-fund'], pnpm: ['install', '--frozen-lockfile'], yarn: ['install', berry ? '--immutable' : '--frozen-lockfile'], bun: ['install', '--frozen-lockfile'] }[manager.name]
    : { npm: ['install', '--no-audit', '--no-fund'], pnpm: ['install', '--no-frozen-lockfile'], yarn: ['install'], bun: ['install'] }[manager.name];
  // Yarn 2+ installs immutably under CI=true: this install is there to update the lockfile.
  const env = berry && !frozen ? { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } : {};
  const args = [...base, ...carried.filter((flag) => !base.includes(flag))];
  const label = `${manager.name === 'yarn' ? (berry ? 'yarn berry' : 'yarn classic') : manager.name}${manager.version ? ` ${manager.version}` : ''}`;
  const reason = `${label} (${manager.source})${frozen ? ', frozen' : ''}${ciFile ? `; flags from ${ciFile}: ${carried.join(' ')}` : ''}`;
  return {
    manager: manager.name,
    ...(manager.version !== undefined && { version: manager.version }),
    berry,
    frozen,
    source: manager.source,
    ...(manager.lockfile !== undefined && { lockfile: manager.lockfile }),
    args,
    env,
    carried,
    ...(ciFile !== undefined && { ciFile }),
    reason,
  };
}

/** GitHub workflows first (by name), then the other CI systems. */
function ciOrder(a, b) {
  const rank = (file) => (file.startsWith('.github/') ? 0 : 1 + CI_FILES.indexOf(file));
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Pure: the program that runs the install, given what PATH offers (`probe.onPath(name)`, and
 * `probe.version(name)`, the version a manager on PATH reports). A manager missing from PATH (or
 * of another major than package.json names) runs through corepack; without corepack that is an
 * error, never a silent install with another manager (a lockfile of the wrong kind is worse),
 * unless the project has no lockfile at all.
 * → { argv, notes } | { error }
 */
export function chooseRunner(plan, probe) {
  const { manager, version } = plan;
  const viaCorepack = (why) => ({ argv: ['corepack', manager, ...plan.args], notes: [`${why}: running it through corepack`] });
  if (manager === 'npm') return probe.onPath('npm') ? { argv: ['npm', ...plan.args], notes: [] } : { error: 'install: npm is not on PATH' };
  if (probe.onPath(manager)) {
    const found = version === undefined ? undefined : probe.version(manager);
    if (version === undefined || found === undefined || major(found) === major(version)) return { argv: [manager, ...plan.args], notes: [] };
    if (probe.onPath('corepack')) return viaCorepack(`${manager} on PATH is ${found}, package.json asks for ${version}`);
    return { argv: [manager, ...plan.args], notes: [`${manager} on PATH is ${found}, package.json asks for ${version}, and corepack is not on PATH: installing with ${found}`] };
  }
  if (probe.onPath('corepack')) return viaCorepack(`${manager} is not on PATH`);
  if (plan.lockfile === undefined) {
    return { argv: ['npm', 'install', '--no-audit', '--no-fund'], notes: [`neither ${manager} nor corepack is on PATH and the project has no lockfile: installing with npm`] };
  }
  return {
    error: `install: this project installs with ${manager} (${plan.source}), but neither ${manager} nor corepack is on PATH; ` +
      `installing with another manager would leave ${plan.lockfile} stale and write a lockfile of the wrong kind. Put ${manager} or corepack on PATH and run again.`,
  };
}

function major(version) {
  return Number.parseInt(version, 10);
}

/** npm's peer-dependency conflict, which `--legacy-peer-deps` (npm 6's rules) resolves. */
export function isEresolve(output) {
  return /\bERESOLVE\b/.test(output);
}

/**
 * `npm ci`'s "Missing: acorn@8.19.0 from lock file": what it says of a lockfile an install resolved
 * with --legacy-peer-deps (the retry below), which leaves out the peers it ignored. koa-rest in the
 * corpus: its @types/node 14 met Vitest's optional peer (ERESOLVE, retried); once Jest was gone no
 * package brought acorn to the root for acorn-jsx's peer, and land's `npm ci` stopped on it.
 */
export function missingFromLock(output) {
  return /\bMissing: \S+ from lock file\b/.exec(output)?.[0];
}

/**
 * Pure: the retry of a failed npm install, when its output says ERESOLVE (or, for `npm ci`, that
 * the lockfile lacks a package) and no peer flag was given. A lockfile that is stale for another
 * reason fails the retry the same way.
 */
export function eresolveRetry(argv, exitCode, output) {
  if (exitCode === 0 || argv[0] !== 'npm') return undefined;
  if (!isEresolve(output) && !(argv[1] === 'ci' && missingFromLock(output) !== undefined)) return undefined;
  if (argv.includes('--legacy-peer-deps') || argv.includes('--force')) return undefined;
  return [...argv, '--legacy-peer-deps'];
}
