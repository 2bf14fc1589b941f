// A distributed run's token budget, one for all its workers, in Redis (ioredis). Each check and
// each charge is one Lua script, so that it is atomic across workers.
//
// A local run starts a model call while the run's spent tokens are below the limit. Shared by N
// workers that rule alone would let N calls through at the last moment; so a call in flight holds
// a claim of what a call of this run has cost on average (before any call has ended, the cost is
// unknown: the first holds all that is left, so the others wait for it), and a call starts only
// while spent + claimed is below the limit. A call that the claims of others
// hold back waits for them to settle (they may fail and charge nothing) rather than ending its
// step budget-exhausted while the run has tokens left: only spent tokens refuse a call. A claim
// whose worker died (it was never settled) lapses after the longest a model call can last with its
// retries (claimLifetimeMs), so that it does not hold the budget for ever.

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { BudgetClaim, TokenBudget } from '../core/budget.js';
import type { ModelConfig } from '../core/recipe.js';
import { connectQueue } from './step-queue.js';

/**
 * The longest one askModel call can hold its claim: every attempt at its deadline and every retry
 * wait at its cap, plus a minute for the rest of the call (request building, the reply's checks).
 */
export function claimLifetimeMs(model: Pick<ModelConfig, 'timeoutSeconds' | 'maxRetries' | 'maxRetryAfterSeconds'>): number {
  return ((model.maxRetries + 1) * model.timeoutSeconds + model.maxRetries * model.maxRetryAfterSeconds + 60) * 1000;
}

/**
 * A run's budget keys go a week after its last claim or charge: a distributed run lives as long as
 * its workers take its steps (resume runs locally), and Redis would otherwise keep two keys per run.
 */
const KEEP_SECONDS = 7 * 24 * 60 * 60;

/** How often a held-back call looks again, at most: the first looks come sooner. */
const MAX_WAIT_MS = 2000;

// KEYS[1]: the run's budget hash (used, calls); KEYS[2]: its claims (id -> "tokens:deadline ms").
// ARGV: limit, claim id, ttl ms. Returns 1 when the call may start (its claim is recorded), 0 when
// the tokens spent reach the limit, 2 when only the claims in flight hold it back.
const CLAIM_SCRIPT = `
local KEEP_SECONDS = ${KEEP_SECONDS}
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
local calls = tonumber(redis.call('HGET', KEYS[1], 'calls') or '0')
local held = 0
local claims = redis.call('HGETALL', KEYS[2])
for i = 1, #claims, 2 do
  local tokens, deadline = string.match(claims[i + 1], '^(%d+):(%d+)$')
  if tonumber(deadline) < now then redis.call('HDEL', KEYS[2], claims[i]) else held = held + tonumber(tokens) end
end
if used >= tonumber(ARGV[1]) then return 0 end
if used + held >= tonumber(ARGV[1]) then return 2 end
local expected = tonumber(ARGV[1]) - used
if calls > 0 then expected = math.max(1, math.floor(used / calls)) end
redis.call('HSET', KEYS[2], ARGV[2], expected .. ':' .. (now + tonumber(ARGV[3])))
redis.call('EXPIRE', KEYS[1], KEEP_SECONDS)
redis.call('EXPIRE', KEYS[2], KEEP_SECONDS)
return 1
`;

// KEYS as above; ARGV: claim id, tokens the call used. A call that used none (it failed) does not
// count towards the average.
const SETTLE_SCRIPT = `
local KEEP_SECONDS = ${KEEP_SECONDS}
redis.call('HDEL', KEYS[2], ARGV[1])
local tokens = tonumber(ARGV[2])
if tokens > 0 then
  redis.call('HINCRBY', KEYS[1], 'used', tokens)
  redis.call('HINCRBY', KEYS[1], 'calls', 1)
  redis.call('EXPIRE', KEYS[1], KEEP_SECONDS)
end
return 1
`;

type BudgetRedis = Redis & {
  budgetClaim(budget: string, claims: string, limit: number, id: string, ttlMs: number): Promise<number>;
  budgetSettle(budget: string, claims: string, id: string, tokens: number): Promise<number>;
};

function withScripts(redis: Redis): BudgetRedis {
  const scripted = redis as BudgetRedis;
  if (typeof scripted.budgetClaim !== 'function') {
    redis.defineCommand('budgetClaim', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    redis.defineCommand('budgetSettle', { numberOfKeys: 2, lua: SETTLE_SCRIPT });
  }
  return scripted;
}

export class SharedTokenBudget implements TokenBudget {
  readonly #redis: BudgetRedis;
  readonly #key: string;
  readonly #limit: number;

  readonly #lifetimeMs: number;

  /**
   * `key` names the run (src/core/queue.ts budgetKey); `limit` is model.maxTokensPerRun;
   * `lifetimeMs` how long an unsettled claim holds (claimLifetimeMs of the run's model config).
   */
  constructor(redis: Redis, key: string, limit: number, lifetimeMs: number) {
    this.#redis = withScripts(redis);
    this.#key = key;
    this.#limit = limit;
    this.#lifetimeMs = lifetimeMs;
  }

  async claim(): Promise<BudgetClaim | undefined> {
    const id = randomUUID();
    const claims = `${this.#key}:claims`;
    // Held back by claims in flight: looked at again until they settle or lapse. Polling, because
    // Redis has no wait on a hash changing that would not need a second connection per waiter.
    for (let waitMs = 50; ; waitMs = Math.min(waitMs * 2, MAX_WAIT_MS)) {
      const answer = await this.#redis.budgetClaim(this.#key, claims, this.#limit, id, this.#lifetimeMs);
      if (answer === 0) return undefined;
      if (answer === 1) return { settle: async (tokens: number) => void (await this.#redis.budgetSettle(this.#key, claims, id, tokens)) };
      await sleep(waitMs);
    }
  }

  /** Tokens charged so far across every worker. */
  async used(): Promise<number> {
    return Number((await this.#redis.hget(this.#key, 'used')) ?? 0);
  }
}

/** Forgets what an earlier run of this key spent: a new run starts at 0. */
export async function clearSharedBudget(url: string, key: string): Promise<void> {
  const redis = connectQueue(url);
  try {
    await redis.del(key, `${key}:claims`);
  } finally {
    redis.disconnect();
  }
}
