import { describe, expect, MockInstance, test, vi } from "vitest";

describe("spy", () => {
  test("counts", () => {
    const spy: MockInstance<() => number> = vi.fn(() => 1);
    expect(spy()).toBe(1);
  });
});
