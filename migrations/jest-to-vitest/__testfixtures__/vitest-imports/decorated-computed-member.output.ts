// A decorated computed class member with a definite assignment (type-graphql's
// tests/functional/fields.ts), which Babel's decorators-legacy plugin does not read.
import { Field, ObjectType } from "type-graphql";
import { describe, it, expect } from "vitest";

const symbolKey = Symbol("symbolKey");

describe("Fields - schema", () => {
  it("reads a symbol-keyed field", () => {
    @ObjectType()
    class SampleObject {
      @Field(() => String, { nullable: true, name: "symbolKey" })
      [symbolKey]!: string | null;
    }
    expect(SampleObject).toBeDefined();
  });
});
