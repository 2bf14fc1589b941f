import { DateTime } from "../../src/luxon";

test.each([
  ["PST8PDT", -7],
  ["EST5EDT", -4],
  ["GMT+0", 0],
])("DateTime#setZone accepts whacky zone %j", (iana, offset) => {
  expect(DateTime.local().setZone(iana).offset).toBe(offset * 60);
});

describe.each([1, -2.5, null, true, `plain`])("with %j at %# of %s", (value) => {
  it.only.each([['a "quoted" \\ one', 3]])("%j and %s (%%p stays)", (text, n) => {
    expect(text).toBeDefined();
  });
});

test.each([
  ["an object or -0 {\"zone\": \"UTC\"}", { zone: "UTC" }, 0],
  ["an object or -0 -0", -0, 1],
])("%s", (_title, value) => {
  expect(value).toBeDefined();
});

test.each(rows)("rows from elsewhere %p", (row) => {
  expect(row).toBeDefined();
});

test("a %p in a plain title is no placeholder", () => {});

test.each([
  [
    "construct with {\"flags\": \"-a, -b\"} then throw",
    // too many short flags
    { flags: "-a, -b" }
  ],
  [
    "construct with {\"flags\": \"---triple\", \"long\": [Array]} then throw",
    { flags: "---triple", long: ["x", ["y"]] }
  ],
])("%s", (_title, { flags }) => {
  expect(flags).toBeDefined();
});

test.each([
  ["args []: program/sub help 1/0 (row 0, %)", [], 1, 0],
  [
    "args [\"sub\", \"--help\"]: program/sub help 0/1 (row 1, %)",
    ["sub", "--help"],
    0,
    1
  ],
  ["args [[Object]]: program/sub help -0/1 (row 2, %)", [{ a: 1 }], -0, 1.5],
])("%s", (_title, userArgs, program, sub) => {
  expect(userArgs).toBeDefined();
});

test.each([
  [/re/, 1],
  [new Date(0), 2],
])("not a literal %p", (value) => {
  expect(value).toBeDefined();
});
