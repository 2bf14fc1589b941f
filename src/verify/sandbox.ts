// The sandbox every verify, install and check command runs in (DESIGN "Safety"): model-written
// code runs there. On Linux it is bubblewrap (`bwrap`): the whole filesystem read-only, the scratch
// worktree (and the report folder) writable, a private /tmp and HOME, the user's checkout hidden
// but for its .git and node_modules, an own PID namespace (no procfs view of codemigrate or of any
// other process), no network unless the command needs it (installs), and an environment from an
// allow-list, never the API key. Written here rather than taken from a package: the npm packages
// that wrap bwrap are unmaintained one-offs, and what to mount is the part that is ours.

import { spawnSync } from 'node:child_process';
import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_WORKTREE } from '../runner/dependency-install.js';

/**
 * codemigrate's own package (dist/verify/ or src/verify/ → root): built-in recipes run its
 * scripts (`{recipeDir}/../migrations/…`), so it is shown, read-only, wherever it is installed.
 */
const OWN_PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export interface SandboxOptions {
  /** The directory the command runs in: writable. */
  readonly cwd: string;
  /** Other directories the command may write (the report folder). */
  readonly writable?: readonly string[];
  /** Directories the command reads though they may be hidden (the recipe's folder, for `{recipeDir}`). */
  readonly readable?: readonly string[];
  /**
   * Folders shown read-only even when they hold the worktree: a kept check's process (kept-checks.ts)
   * reads every scratch worktree of the run, its own slot's siblings.
   */
  readonly shown?: readonly string[];
  /** Installs need the registry; checks run without a network (loopback only). */
  readonly network?: boolean;
}

export interface Sandbox {
  readonly kind: 'bubblewrap' | 'none';
  /** One line for the run's output: what isolates verify, or why nothing does. */
  readonly description: string;
  /** The program and arguments that run `argv` inside the sandbox, and the environment to give it. */
  wrap(argv: readonly string[], env: NodeJS.ProcessEnv, options: SandboxOptions): { file: string; args: string[]; env: NodeJS.ProcessEnv };
}

/** Variables a sandboxed command keeps (and any `LC_*`, `npm_config_*`, `GIT_*`, …, below). */
const KEPT_NAMES = new Set([
  'PATH', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR', 'CI', 'NODE_ENV',
  'USER', 'LOGNAME', 'SHELL', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  // Where a proxy that re-signs TLS is trusted: without NODE_EXTRA_CA_CERTS, corepack's own
  // download of yarn or pnpm inside an install failed with "fetch failed" (npm reads its cafile).
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
  // Switches a user sets to keep installs from downloading binaries (CI commonly does); named one
  // by one, since their prefixes also name secrets (CYPRESS_RECORD_KEY).
  'CYPRESS_INSTALL_BINARY', 'PUPPETEER_SKIP_DOWNLOAD', 'PUPPETEER_SKIP_CHROMIUM_DOWNLOAD', 'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD',
  'ELECTRON_SKIP_BINARY_DOWNLOAD', 'HUSKY', 'HUSKY_SKIP_INSTALL',
]);
const KEPT_PREFIXES = ['LC_', 'npm_config_', 'NPM_CONFIG_', 'YARN_', 'PNPM_', 'COREPACK_', 'GIT_'];

/** The allow-listed environment, with HOME and TMPDIR inside the sandbox. */
export function sandboxEnvironment(env: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (KEPT_NAMES.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix)))) kept[name] = value;
  }
  return { ...kept, HOME: home, TMPDIR: '/tmp' };
}

export const NO_SANDBOX_REASON_ENV = 'CODEMIGRATE_SANDBOX';
/** Cache folders that tools create inside node_modules (.vite-temp: Vite 6+ bundles an ESM config there). */
const CACHE_DIRS = ['.cache', '.vite', '.vite-temp', '.vitest'];

/** A mount point must exist: the cache folder is created where it is missing (outside the sandbox). */
function ensureDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    return true;
  } catch {
    return false; // a read-only or foreign node_modules: the tool finds it read-only, as before
  }
}
const SANDBOX_HOME = '/tmp/codemigrate-home';

const unsandboxed = (reason: string): Sandbox => ({
  kind: 'none',
  description: `none (${reason}): verify, install and checks run with your user's full access`,
  wrap: (argv, env) => ({ file: argv[0]!, args: argv.slice(1), env }),
});

let detected: Sandbox | undefined;

/**
 * The sandbox of this machine, probed once: bubblewrap when `bwrap` can make a PID namespace here.
 * `CODEMIGRATE_SANDBOX=off` turns it off (the run then says so, and a model needs --unsafe-verify).
 */
export function detectSandbox(env: NodeJS.ProcessEnv = process.env): Sandbox {
  if (env[NO_SANDBOX_REASON_ENV] === 'off') return unsandboxed(`${NO_SANDBOX_REASON_ENV}=off`);
  if (detected) return detected;
  if (process.platform !== 'linux') return (detected = unsandboxed(`no sandbox on ${process.platform}`));
  const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--unshare-net', '/bin/true'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return (detected = unsandboxed('bubblewrap (bwrap) is not installed'));
  if (probe.status !== 0) return (detected = unsandboxed(`bwrap cannot create namespaces here: ${probe.stderr.trim().split('\n')[0] ?? `exit ${probe.status}`}`));
  return (detected = bubblewrap());
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The checkout a scratch worktree belongs to: the folder holding the git dir its `.git` file names. */
function checkoutOf(worktree: string): { checkout: string; gitDir: string } | undefined {
  let text: string;
  try {
    text = readFileSync(join(worktree, '.git'), 'utf8');
  } catch {
    return undefined; // no .git file: not a linked worktree
  }
  const gitdir = /^gitdir: (.*)$/m.exec(text)?.[1]?.trim();
  if (gitdir === undefined) return undefined;
  // <checkout>/.git/worktrees/<name>
  const gitDir = resolve(worktree, gitdir, '..', '..');
  return { checkout: dirname(gitDir), gitDir };
}

/** The package links of a node_modules folder (`name`, or `@scope/name`), by their names in it. */
function packageLinks(modules: string): string[] {
  const entries = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  return entries(modules).flatMap((entry) => {
    const names = entry.name.startsWith('@') && entry.isDirectory() ? entries(join(modules, entry.name)).map((inner) => ({ inner, name: join(entry.name, inner.name) })) : [{ inner: entry, name: entry.name }];
    return names.filter(({ inner }) => inner.isSymbolicLink()).map(({ name }) => name);
  });
}

/**
 * Packages that a node_modules folder links in from elsewhere (`file:` dependencies, workspace
 * packages): the sandbox must show their real folders too. `within`: only those inside it (a
 * node_modules that an install of the step's own manifests wrote: a `file:` or `link:` dependency
 * there names any folder the step chose, HOME too).
 */
function linkedPackages(modules: string, within?: string): string[] {
  const targets: string[] = [];
  for (const name of packageLinks(modules)) {
    const target = real(join(modules, name));
    // From a node_modules the user installed, a package in pnpm's global virtual store brings its `links` folder.
    if (target !== undefined && !inside(modules, target) && (within === undefined || inside(within, target))) targets.push(within === undefined ? (globalVirtualStore(target) ?? target) : target);
  }
  return targets;
}

/**
 * pnpm's global virtual store (`enableGlobalVirtualStore`: @pnpm/plugin-better-defaults sets it)
 * keeps each package at `<store>/links/<scope>/<name>/<version>/<hash>/node_modules/<name>`, its
 * dependencies as links beside it to other entries of `links`: a package shown alone cannot load
 * them (pnpm/meta-updater: "Cannot find module 'jest-cli'" from jest, every check failed on the
 * source commit as on the step). Such a package shows the whole `links` folder.
 */
function globalVirtualStore(target: string): string | undefined {
  return /^(.*\/store\/v\d+\/links)\//.exec(target)?.[1];
}

/**
 * Where the worktree's node_modules links point: the node_modules folders of the checkout or of the
 * run's install worktree, as codemigrate links them (WorktreePool: `<cwd>/<dir>/node_modules` →
 * `<root>/<dir>/node_modules`), and the packages those link in. The worktree is writable to every
 * command run in it, and its node_modules links survive from step to step (resetWorktree spares
 * them): a link of any other shape was made by a command, maybe model-written code, and names
 * whatever it chose (HOME, the checkout's root), so it is not followed. What the checkout's
 * node_modules links in was installed by the user and is shown; what the install worktree's links
 * in, only inside that worktree (its manifests are the step's).
 */
function linkedModules(cwd: string, checkout: string | undefined): string[] {
  const install = join(dirname(cwd), INSTALL_WORKTREE);
  const roots = [...(checkout === undefined ? [] : [{ root: checkout, trusted: true }]), { root: install, trusted: false }];
  const targets: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name === 'node_modules') {
        if (!entry.isSymbolicLink()) continue; // a real directory: it is inside the worktree
        // The path the link names (itself maybe a link, as a checkout's node_modules can be):
        // the sandbox must show the folder at that path, not only at its real one.
        let target: string;
        try {
          target = resolve(dir, readlinkSync(path));
        } catch {
          continue; // vanished
        }
        const expected = relative(cwd, path);
        const modules = real(target);
        const from = modules === undefined ? undefined : roots.find(({ root }) => real(join(root, expected)) === modules);
        if (from === undefined) continue;
        targets.push(target, ...linkedPackages(modules!, from.trusted ? undefined : real(from.root)));
      } else if (depth > 0 && entry.name !== '.git' && entry.isDirectory()) {
        visit(path, depth - 1); // real folders only: a link to a folder elsewhere is not the worktree's
      }
    }
  };
  // Workspace packages get their own links; three levels cover packages/*/ and apps/*/*.
  visit(cwd, 3);
  return targets;
}

/**
 * Where a node_modules is shown at a path other than its real one (a checkout whose own
 * node_modules links to an install's: the corpus's), a relative package link in it (a workspace
 * package's, `../../packages/x`) resolves inside the sandbox from the shown path, where outside it
 * resolves from the real one: each such place gets, read-only, what the link reaches outside
 * ([source, destination] pairs). Without it turbo-boilerplate's baseline found no Jest preset.
 */
function packageAliases(modulesLinks: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const named of modulesLinks) {
    const modules = real(named);
    if (modules === undefined || modules === named || !named.endsWith('/node_modules')) continue;
    for (const name of packageLinks(modules)) {
      try {
        const link = readlinkSync(join(modules, name));
        const source = real(join(modules, name));
        const dest = resolve(dirname(join(named, name)), link);
        if (!isAbsolute(link) && source !== undefined && source !== dest) pairs.push([source, dest]);
      } catch {
        // vanished
      }
    }
  }
  return pairs;
}

function bubblewrap(): Sandbox {
  const home = real(homedir()) ?? homedir();
  const node = dirname(dirname(process.execPath));
  return {
    kind: 'bubblewrap',
    description: 'bubblewrap: worktree writable, rest of the filesystem read-only, private /tmp and HOME, checkout hidden, own PID namespace, no network but for installs, allow-listed environment',
    wrap(argv, env, options) {
      const cwd = real(options.cwd) ?? options.cwd;
      const args = ['--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
      if (!options.network) args.push('--unshare-net');
      args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', '--tmpfs', '/var/tmp');
      const hidden = [home];
      const owner = checkoutOf(cwd);
      if (owner) hidden.push(owner.checkout);
      // Under /tmp a folder is hidden already; a folder holding /tmp (or the worktree) cannot be.
      for (const dir of hidden) if (existsSync(dir) && !inside('/tmp', dir) && !inside(dir, '/tmp')) args.push('--tmpfs', dir);
      // What the command needs from hidden places, read-only: git metadata, installed packages,
      // the node binary and PATH entries under HOME (nvm, pnpm).
      const linked = linkedModules(cwd, owner?.checkout);
      const shown = [
        ...(owner ? [owner.gitDir] : []),
        ...linked,
        node,
        OWN_PACKAGE,
        // A recipe's folder, unless it holds what must stay hidden or private (a recipe file
        // straight in /tmp, HOME or the checkout's root): its scripts are then not shown.
        ...(options.readable ?? []).filter((dir) => ![...hidden, '/tmp', '/var/tmp', cwd].some((place) => inside(dir, place))),
        ...(options.shown ?? []).filter((dir) => ![...hidden, '/tmp', '/var/tmp'].some((place) => inside(dir, place))),
        ...(env['PATH'] ?? '').split(':').filter((dir) => isAbsolute(dir)),
      ];
      const isHidden = (path: string) => hidden.some((dir) => inside(dir, path)) || inside('/tmp', path) || inside('/var/tmp', path);
      const bound = new Set<string>();
      for (const path of shown) {
        const source = real(path);
        // Shown where it is named and where it really is (a link inside resolves to the latter).
        for (const dest of source === undefined ? [] : [path, source]) {
          if (bound.has(dest) || !isHidden(dest) || inside(cwd, dest)) continue;
          bound.add(dest);
          args.push('--ro-bind', source!, dest);
        }
      }
      // Only for what linkedModules shows: the link's own text, in the install worktree the step's, names any folder.
      const shownReal = linked.map((path) => real(path) ?? path);
      for (const [source, dest] of packageAliases(linked)) {
        if (!shownReal.some((dir) => inside(dir, source)) || bound.has(dest) || !isHidden(dest) || inside(cwd, dest)) continue;
        bound.add(dest);
        args.push('--ro-bind', source, dest);
      }
      for (const dir of [cwd, ...(options.writable ?? [])]) {
        const path = real(dir) ?? dir;
        args.push('--bind', path, path);
      }
      // Linked packages stay read-only (a command must not change what the next step runs), but
      // tools keep caches beside them (node_modules/.cache: babel, jest-preview; .vite: Vitest):
      // each gets an empty writable folder of its own, gone with the sandbox.
      for (const modules of new Set(linked.flatMap((path) => [path, real(path) ?? path]))) {
        if (!modules.endsWith('/node_modules')) continue;
        for (const cache of CACHE_DIRS) {
          const dir = join(modules, cache);
          if (ensureDir(dir)) args.push('--tmpfs', dir);
        }
      }
      args.push('--dir', SANDBOX_HOME, '--chdir', cwd, '--');
      // bwrap runs with the allow-listed environment: nothing else reaches what it starts.
      return { file: 'bwrap', args: [...args, ...argv], env: sandboxEnvironment(env, SANDBOX_HOME) };
    },
  };
}
