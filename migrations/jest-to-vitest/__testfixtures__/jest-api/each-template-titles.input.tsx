import { describe, expect, jest, test } from "@jest/globals";
import { debounce } from "../src/debounce";

test.each`
  options                                      | calls
  ${{ leading: true, trailing: true }}         | ${2}
  ${{ leading: false, trailing: true, max: 5 }} | ${1}
`("options=$options", ({ options, calls }) => {
  const callback = jest.fn();
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

describe.each`
  name                                                      | list
  ${"a name far longer than the forty characters Vitest keeps"} | ${[1, [2]]}
`("row $# is $name with $list.length and $missing", ({ name }) => {
  test("runs", () => expect(name).toBeDefined());
});

test.each([
  { input: { a: 1 }, output: "A" },
  { input: { b: 2 }, output: "B" },
])("maps $input to $output", ({ input, output }) => {
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
