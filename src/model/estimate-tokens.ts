// A local count of tokens for servers that send no `usage`: without it a run-wide budget would
// count nothing and never stop (12 requests went out under maxTokensPerRun: 1). o200k_base, the
// encoding of OpenAI's current models, through gpt-tokenizer; other models' tokenizers differ by
// some tens of percent, so the figure is marked as an estimate wherever it shows.

/** Tokens of these texts, loaded on first use (the encoding's tables take a moment to load). */
export async function estimateTokens(texts: readonly string[]): Promise<number> {
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  return texts.reduce((sum, text) => sum + countTokens(text), 0);
}
