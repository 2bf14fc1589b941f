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
  [{ zone: "UTC" }, 0],
  [-0, 1],
])("an object or -0 %p keeps its placeholder", (value) => {
  expect(value).toBeDefined();
});

test.each(rows)("rows from elsewhere %p", (row) => {
  expect(row).toBeDefined();
});

test("a %p in a plain title is no placeholder", () => {});
