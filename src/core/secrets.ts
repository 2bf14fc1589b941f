// The environment variables that hold the model's credentials. No child process that does not
// talk to the model may see them: verify commands, installs, git and whatever git runs (filters).

/** Hidden always, whatever the config names (`model.apiKeyEnv` is hidden besides). */
export const DEFAULT_SECRET_NAMES = ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'] as const;
