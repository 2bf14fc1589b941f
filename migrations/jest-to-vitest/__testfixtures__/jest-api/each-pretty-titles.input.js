import { DateTime } from "../../src/luxon";

test.each([
  ["PST8PDT", -7],
  ["EST5EDT", -4],
  ["GMT+0", 0],
])("DateTime#setZone accepts whacky zone %p", (iana, offset) => {
  expect(DateTime.local().setZone(iana).offset).toBe(offset * 60);
});

describe.each([1, -2.5, null, true, `plain`])("with %p at %# of %s", (value) => {
  it.only.each([['a "quoted" \\ one', 3]])("%p and %s (%%p stays)", (text, n) => {
    expect(text).toBeDefined();
  });
});

test.each([
  [{ zone: "UTC" }, 0],
  [-0, 1],
])("an object or -0 %p", (value) => {
  expect(value).toBeDefined();
});

test.each(rows)("rows from elsewhere %p", (row) => {
  expect(row).toBeDefined();
});

test("a %p in a plain title is no placeholder", () => {});

test.each([
  { flags: "-a, -b" }, // too many short flags
  { flags: "---triple", long: ["x", ["y"]] },
])("construct with %p then throw", ({ flags }) => {
  expect(flags).toBeDefined();
});

test.each([
  [[], 1, 0],
  [["sub", "--help"], 0, 1],
  [[{ a: 1 }], -0, 1.5],
])("args %p: program/sub help %p/%i (row %#, %%)", (userArgs, program, sub) => {
  expect(userArgs).toBeDefined();
});

test.each([
  [/re/, 1],
  [new Date(0), 2],
])("not a literal %p", (value) => {
  expect(value).toBeDefined();
});
