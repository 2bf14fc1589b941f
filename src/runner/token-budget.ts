// A local run's token budget: one counter in memory, started from what the run's steps have
// spent so far (the run's store), so that resume goes on where the run stopped.

import type { BudgetClaim, TokenBudget } from '../core/budget.js';

export class LocalTokenBudget implements TokenBudget {
  readonly limit: number | undefined;
  #used: number;

  constructor(limit: number | undefined, used: number) {
    this.limit = limit;
    this.#used = used;
  }

  get used(): number {
    return this.#used;
  }

  async claim(): Promise<BudgetClaim | undefined> {
    if (this.limit !== undefined && this.#used >= this.limit) return undefined;
    return {
      settle: async (tokens: number) => {
        this.#used += tokens;
      },
    };
  }
}
