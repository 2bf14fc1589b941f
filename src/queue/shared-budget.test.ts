// The shared token budget against a real redis-server: claims from several holders at once, the
// average claim, a failed call, a claim whose worker died.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/helpers/redis.js';
import { claimLifetimeMs, clearSharedBudget, SharedTokenBudget } from './shared-budget.js';

let server: TestRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const LIFETIME_MS = 60_000;

/** A claim's promise, and whether it has ended yet (the test settles others before it can). */
function pending<T>(promise: Promise<T>): { readonly promise: Promise<T>; ended: () => boolean } {
  let ended = false;
  void promise.then(() => (ended = true), () => (ended = true));
  return { promise, ended: () => ended };
}

describe('SharedTokenBudget', () => {
  it('lets calls start while spent + claimed is below the limit, whoever holds the claims; only spent tokens refuse', async () => {
    await clearSharedBudget(server.url, 'k1');
    // Two workers, one counter.
    const one = new SharedTokenBudget(redis, 'k1', 100, LIFETIME_MS);
    const two = new SharedTokenBudget(redis, 'k1', 100, LIFETIME_MS);
    const first = await one.claim();
    await first!.settle(50);
    // A call in flight claims the run's average (50): a second one at once would reach the limit,
    // so it waits for the first to settle.
    const inFlight = await two.claim();
    expect(inFlight).toBeDefined();
    const held = pending(one.claim());
    expect(await redis.hlen('k1:claims')).toBe(1);
    await inFlight!.settle(40);
    const last = await held.promise;
    expect(last).toBeDefined();
    expect(await one.used()).toBe(90);
    // Spent past the limit: the call waiting on `last` is refused, and so is any after it.
    const after = pending(two.claim());
    await last!.settle(30);
    expect(await after.promise).toBeUndefined();
    expect(await two.used()).toBe(120);
    expect(await one.claim()).toBeUndefined();
    // The counter goes a week after the run's last charge (the claims hash goes with its last claim).
    expect(await redis.ttl('k1')).toBeGreaterThan(6 * 24 * 3600);
    expect(await redis.exists('k1:claims')).toBe(0);
  });

  it('lets a call held back by another start when that one fails (charges nothing), as a local run would', async () => {
    // The review's case: limit 10, a first call of 8; a second claims 8, a third must not be refused for good.
    await clearSharedBudget(server.url, 'k3');
    const budget = new SharedTokenBudget(redis, 'k3', 10, LIFETIME_MS);
    await (await budget.claim())!.settle(8);
    const second = await budget.claim();
    const third = pending(budget.claim());
    expect(await redis.hlen('k3:claims')).toBe(1);
    expect(third.ended()).toBe(false);
    await second!.settle(0);
    expect(await third.promise).toBeDefined();
  });

  it('lets the first call go alone: before any call has ended, nothing says what one costs', async () => {
    // Two first calls at once, each held at 1 token, could spend twice the budget's rest.
    await clearSharedBudget(server.url, 'k4');
    const budget = new SharedTokenBudget(redis, 'k4', 100, LIFETIME_MS);
    const first = await budget.claim();
    const second = pending(budget.claim());
    // Its first look has run once this later command on the same connection answers: one claim, the first's.
    expect(await redis.hlen('k4:claims')).toBe(1);
    expect(second.ended()).toBe(false);
    await first!.settle(50);
    const granted = await second.promise;
    expect(granted).toBeDefined();
    // The average is known now (50): a third waits for the second, and is refused once it charges.
    const third = pending(budget.claim());
    await granted!.settle(50);
    expect(await third.promise).toBeUndefined();
  });

  it('charges nothing for a failed call and lets a dead worker\'s claim lapse', async () => {
    await clearSharedBudget(server.url, 'k2');
    const budget = new SharedTokenBudget(redis, 'k2', 10, LIFETIME_MS);
    await (await budget.claim())!.settle(0);
    expect(await budget.used()).toBe(0);
    await (await budget.claim())!.settle(6);
    // A claim never settled (its worker was killed), its deadline passed: it holds nothing.
    await redis.hset('k2:claims', 'dead', `6:${Date.now() - 1}`);
    const afterLapse = await budget.claim();
    expect(afterLapse).toBeDefined();
    // Settled, it holds nothing: what holds the next call back is the live claim alone (6 + 6 >= 10),
    // until it goes (settled, or lapsed).
    await afterLapse!.settle(0);
    await redis.hset('k2:claims', 'alive', `6:${Date.now() + 60_000}`);
    const held = pending(budget.claim());
    expect(await redis.hkeys('k2:claims')).toEqual(['alive']);
    expect(held.ended()).toBe(false);
    await redis.hdel('k2:claims', 'alive');
    expect(await held.promise).toBeDefined();
  });

  it('lasts a claim as long as the slowest model call with its retries, plus a minute', () => {
    // Defaults: 5 attempts of 120 s, 4 waits of at most 60 s.
    expect(claimLifetimeMs({ timeoutSeconds: 120, maxRetries: 4, maxRetryAfterSeconds: 60 })).toBe(900_000);
    expect(claimLifetimeMs({ timeoutSeconds: 30, maxRetries: 0, maxRetryAfterSeconds: 60 })).toBe(90_000);
  });
});
