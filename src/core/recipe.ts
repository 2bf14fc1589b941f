// The normalised recipe and config, as the rest of the program sees them after src/config has
// validated and resolved them. Paths here are absolute; globs are as written.

import type { CheckParser } from './checks.js';

export const MODULE_GROUPINGS = ['directory', 'package', 'file'] as const;
export type ModuleGrouping = (typeof MODULE_GROUPINGS)[number];

export const ISOLATIONS = ['independent', 'stacked'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

/** The project formatters a recipe may ask for over the files a step changed (src/edits/format.ts). */
export const FORMATTERS = ['prettier', 'eslint'] as const;
export type FormatterName = (typeof FORMATTERS)[number];

export const ENGINES = ['jscodeshift', 'ts-morph'] as const;
export type Engine = (typeof ENGINES)[number];

export const MODEL_TRIGGERS = ['reported', 'verify-failed', 'always'] as const;
export type ModelTrigger = (typeof MODEL_TRIGGERS)[number];

/** A recipe's identity hash and the hashes of its parts (src/config/recipe-identity.ts). */
export interface RecipeIdentity {
  readonly hash: string;
  readonly parts: Readonly<Record<string, string>>;
}

export interface CodemodSpec {
  readonly kind: 'codemod';
  /** As written in the recipe, for messages and review ("../migrations/x/globals.ts"). */
  readonly name: string;
  /** Absolute path of the transform module, or a package specifier resolved from the recipe's folder. */
  readonly resolved: string;
  readonly engine: Engine;
  /** jscodeshift parser from the recipe; a transform's own `parser` export wins over it. */
  readonly parser?: string;
  /**
   * Absolute folder of the jscodeshift package the recipe pins for this codemod. Absent: the one
   * Node resolves from the transform's file (then from the recipe's folder), else codemigrate's.
   */
  readonly jscodeshift?: string;
  /** The recipe file's folder: a jscodeshift installed beside the recipe is found from there. */
  readonly recipeDir?: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** `false` (the recipe's `"cache": false`): the transform reads more than it is given; the result cache never answers for it. */
  readonly cache?: false;
  /** Which files the transform sees (globs): in setup and finish, of the source commit (default package.json); in a step, of the step's files (default all). */
  readonly files?: readonly string[];
  /**
   * Files (globs) the transform may read but not change, beyond its own; given to it as
   * `options.context` (path → text): in a step, of the step's parent commit; in setup and finish,
   * of the source commit with the earlier setup or finish codemods' edits.
   */
  readonly context?: readonly string[];
  /** Where in the recipe this came from, for error messages: "steps[0]". */
  readonly field: string;
}

export interface ModelSpec {
  readonly kind: 'model';
  readonly instructions: string; // absolute path of the instructions file
  readonly instructionsText: string;
  readonly when: readonly ModelTrigger[];
  readonly field: string;
}

export type StepSpec = CodemodSpec | ModelSpec;

export interface VerifyCommand {
  readonly run: string;
  readonly timeoutSeconds: number;
}

/** An entry of `verify`: a command whose output `parser` reads, compared with its baseline. */
export interface CheckCommand extends VerifyCommand {
  readonly parser: CheckParser;
  /** The check needs a network in the verify sandbox (checks have none by default). */
  readonly network?: boolean;
  /**
   * A process kept for the run that answers this check for each step (src/verify/kept-checks.ts):
   * started where the baseline's check runs, asked with each step's worktree; `run` is what runs
   * when it cannot answer. Used only for a check without `baseline` whose `run` takes no lists.
   */
  readonly serve?: string;
  /** What runs on the source commit instead, when setup replaces the tool (Jest before, Vitest after). */
  readonly baseline?: { readonly run: string; readonly parser?: CheckParser; readonly timeoutSeconds?: number };
}

/**
 * When a recipe applies to a repository: any package.json (outside node_modules) lists one of
 * `dependencies` (exact names, or "@scope/*"), or any file matches one of `files`. A recipe
 * without it applies everywhere.
 */
export interface AppliesTo {
  readonly dependencies: readonly string[];
  readonly files: readonly string[];
}

/** What a recipe's modules.includeFrom module is given: the source commit's files. */
export interface ProjectFiles {
  readonly files: readonly string[];
  read(path: string): Promise<string | undefined>;
  /** Many files in one pass (path → text; absent and non-regular files left out). */
  readMany(paths: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface Recipe {
  readonly id: string;
  readonly description: string;
  /** Absolute path of the recipe file. */
  readonly file: string;
  /** The recipe's identity (content and the files it runs): a resumed run checks that it did not change. */
  readonly hash: string;
  /** Its parts' hashes ("recipe.steps", "steps[0].codemod", …): which part changed, when one did. */
  readonly parts: Readonly<Record<string, string>>;
  /** sha256 of the recipe file's bytes: what runs started before identities existed recorded. */
  readonly bytesHash: string;
  readonly builtin: boolean;
  readonly appliesTo?: AppliesTo;
  readonly modules: {
    readonly by: ModuleGrouping;
    readonly include: readonly string[];
    /**
     * Absolute path of a module whose default export reads the project at the source commit and
     * returns more globs for `include` (the test files a project's own Jest config names).
     */
    readonly includeFrom?: string;
    readonly exclude: readonly string[];
    readonly maxFilesPerStep: number;
  };
  readonly setup: readonly CodemodSpec[];
  /**
   * The counterpart of setup: what needs every module migrated (removing the old tool, its config
   * and types). `land` applies it to the result once every step of the plan has landed, so that
   * any earlier subset of steps stays a working codebase.
   */
  readonly finish: readonly CodemodSpec[];
  readonly steps: readonly StepSpec[];
  readonly verify: readonly CheckCommand[];
  /**
   * Installs dependencies when setup changed a dependency manifest: run once per run, during setup,
   * in its own scratch worktree; the lockfiles it writes go into the base, and the verify worktrees
   * link its node_modules. Land checks the result with the frozen install of its lockfile instead.
   */
  readonly install?: VerifyCommand;
  readonly isolation: Isolation;
  /**
   * The project's formatters, in this order, over the files each step changed (codemod and model
   * edits alike), where the project's package.json names them; absent: no formatting.
   */
  readonly format?: readonly FormatterName[];
}

export interface ModelConfig {
  readonly baseURL: string;
  readonly model: string;
  /** Name of the environment variable holding the API key (default OPENAI_API_KEY). */
  readonly apiKeyEnv: string;
  readonly maxTokensPerRun?: number;
  readonly temperature?: number;
  /** Sent as max_tokens with every request. */
  readonly maxOutputTokens: number;
  /** A file above this many bytes is sent as an excerpt. */
  readonly maxFileBytes: number;
  /** The files a request shows add up to at most this many bytes. */
  readonly maxRequestBytes: number;
  readonly timeoutSeconds: number;
  readonly idleTimeoutSeconds: number;
  readonly maxRetries: number;
  readonly maxRetryAfterSeconds: number;
}

export interface Config {
  /** Absolute path of migration.config.json, or undefined when the repo has none. */
  readonly file?: string;
  /** Recipe ids the config names → absolute recipe file paths. */
  readonly recipes: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly model?: ModelConfig;
  readonly branchPrefix: string;
  readonly exclude: readonly string[];
  readonly neverSendToModel: readonly string[];
  /** Replaces the recipe's verify commands when set. */
  readonly verify?: readonly CheckCommand[];
  /** Replaces the recipe's install command when set; null turns the recipe's off. */
  readonly install?: VerifyCommand | null;
  /** Replaces the recipe's `format` when set; [] turns it off. */
  readonly format?: readonly FormatterName[];
  /** Verify model-written code even where no sandbox is available (the run says so). */
  readonly unsafeVerify?: boolean;
}

export const DEFAULT_BRANCH_PREFIX = 'codemigrate';
export const DEFAULT_NEVER_SEND_TO_MODEL = ['**/.env*', '**/*.pem', '**/*.key', '**/id_rsa*'] as const;
export const DEFAULT_VERIFY_TIMEOUT_SECONDS = 600;
