// The run-wide token budget (model.maxTokensPerRun) as a port: a local run keeps it in memory
// (src/runner/token-budget.ts), a distributed run in Redis, shared by every worker
// (src/queue/shared-budget.ts). The rule is the same for both: a model call starts only while
// what the run has spent is below the limit, and its tokens are charged when it ends.

export interface TokenBudget {
  /**
   * The right to start one model call, or undefined when the budget is spent (no call is made).
   * The caller settles the claim once the call ends, with the tokens it used (0 when it failed).
   */
  claim(): Promise<BudgetClaim | undefined>;
}

export interface BudgetClaim {
  settle(tokens: number): Promise<void>;
}
