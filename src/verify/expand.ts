// Pure: expansion of {files} and {module} in a recipe's verify command, and the environment the
// commands run with.

/** One POSIX shell word that the shell reads back as exactly `text`, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `{files}` → the step's files, each quoted, space-separated; `{module}` → the quoted module path. */
export function expandCommand(command: string, files: readonly string[], module: string): string {
  const quotedFiles = files.map(shellQuote).join(' ');
  const quotedModule = shellQuote(module);
  // A replacer function, so that "$&" or "$1" in a file name is not read as a pattern.
  return command.replace(/\{files\}|\{module\}/g, (token) => (token === '{files}' ? quotedFiles : quotedModule));
}

/** Variables that hold the model's credentials; verify commands never need them. */
export const DEFAULT_SECRET_NAMES = ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'] as const;

/** `env` without the model's secrets (the defaults and `secretNames`); everything else is kept. */
export function verifyEnvironment(env: NodeJS.ProcessEnv, secretNames: readonly string[] = []): NodeJS.ProcessEnv {
  const hidden = new Set<string>([...DEFAULT_SECRET_NAMES, ...secretNames]);
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!hidden.has(name) && value !== undefined) result[name] = value;
  }
  return result;
}
