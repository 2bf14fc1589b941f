import { describe, expect, vi, test } from "vitest";
import { debounce } from "../src/debounce";

test.each<[string, any]>([["options={\"leading\": true, \"trailing\": true}", {
  options: { leading: true, trailing: true },
  calls: 2
}], ["options={\"leading\": false, \"max\": 5, \"trailing\": true}", {
  options: { leading: false, trailing: true, max: 5 },
  calls: 1
}]])("%s", (_title, { options, calls }) => {
  const callback = vi.fn();
  debounce(callback, options)();
  expect(callback).toHaveBeenCalledTimes(calls);
});

test.each`
  a    | b      | sum
  ${1} | ${"x"} | ${true}
  ${2} | ${"y"} | ${null}
`("plain values stay: $a and $b give $sum", ({ a, b }) => {
  expect(a).toBeDefined();
  expect(b).toBeDefined();
});

describe.each<[string, any]>([[
  "row 0 is a name far longer than the forty characters Vitest keeps with 2 and $missing",
  {
    name: "a name far longer than the forty characters Vitest keeps",
    list: [1, [2]]
  }
]])("%s", (_title, { name }) => {
  test("runs", () => expect(name).toBeDefined());
});

test.each([
  ["maps {\"a\": 1} to A", { input: { a: 1 }, output: "A" }],
  ["maps {\"b\": 2} to B", { input: { b: 2 }, output: "B" }],
])("%s", (_title, { input, output }) => {
  expect(input).toBeDefined();
  expect(output).toBeDefined();
});

test.each`
  value      | expected
  ${someVar} | ${1}
`("not literal, maybe alike: $value", ({ value }) => {
  expect(value).toBeDefined();
});

test.each`
  value        | expected
  ${{ a: 1 }}  | ${1}
  ${someVar}   | ${2}
`("an object and no literal: $value", ({ value }) => {
  expect(value).toBeDefined();
});

test.each([{ a: "short" }])("an object table with %s is no template $a", (row) => {
  expect(row).toBeDefined();
});
