// The shared token budget against a real redis-server: claims from several holders at once, the
// average claim, a failed call, a claim whose worker died.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/helpers/redis.js';
import { clearSharedBudget, SharedTokenBudget } from './shared-budget.js';

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

describe('SharedTokenBudget', () => {
  it('lets calls start while spent + claimed is below the limit, whoever holds the claims', async () => {
    await clearSharedBudget(server.url, 'k1');
    // Two workers, one counter.
    const one = new SharedTokenBudget(redis, 'k1', 100);
    const two = new SharedTokenBudget(redis, 'k1', 100);
    const first = await one.claim();
    await first!.settle(50);
    // A call in flight claims the run's average (50): a second one at once would reach the limit.
    const inFlight = await two.claim();
    expect(inFlight).toBeDefined();
    expect(await one.claim()).toBeUndefined();
    await inFlight!.settle(40);
    expect(await one.used()).toBe(90);
    // Below the limit again, with nothing in flight: one more call, then none.
    const last = await two.claim();
    expect(await one.claim()).toBeUndefined();
    await last!.settle(30);
    expect(await two.used()).toBe(120);
    expect(await one.claim()).toBeUndefined();
  });

  it('charges nothing for a failed call and lets a dead worker\'s claim lapse', async () => {
    await clearSharedBudget(server.url, 'k2');
    const budget = new SharedTokenBudget(redis, 'k2', 10);
    await (await budget.claim())!.settle(0);
    expect(await budget.used()).toBe(0);
    await (await budget.claim())!.settle(6);
    // A claim never settled (its worker was killed), its deadline passed: it holds nothing.
    await redis.hset('k2:claims', 'dead', `6:${Date.now() - 1}`);
    const afterLapse = await budget.claim();
    expect(afterLapse).toBeDefined();
    // Settled, it holds nothing: what refuses the next call is the live claim alone (6 + 6 >= 10).
    await afterLapse!.settle(0);
    await redis.hset('k2:claims', 'alive', `6:${Date.now() + 60_000}`);
    expect(await budget.claim()).toBeUndefined();
  });
});
