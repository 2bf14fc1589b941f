/// <reference types="vitest/globals" />
import type { MockInstance } from "vitest" with { "resolution-mode": "import" };

describe("spy", () => {
  test("counts", () => {
    const spy: MockInstance<() => number> = vi.fn(() => 1);
    expect(spy()).toBe(1);
  });
});
