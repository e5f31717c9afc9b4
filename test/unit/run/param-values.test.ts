import { describe, expect, it } from "vitest";
import { inferValue, isPythonIdentifier, toJson } from "../../../src/run/params/values.js";

describe("inferValue (papermill's -p inference)", () => {
  it.each([
    ["True", true],
    ["False", false],
    ["None", null],
    ["42", 42n],
    ["-7", -7n],
    [" 1_000 ", 1000n],
    ["007", 7n],
    ["3.5", 3.5],
    ["1e3", 1000],
    ["-.5", -0.5],
    ["1.", 1],
    ["inf", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["true", "true"],
    ["none", "none"],
    ["1,5", "1,5"],
    ["0x10", "0x10"],
    ["", ""],
    ["hello world", "hello world"],
  ])("%j -> %s", (text, expected) => {
    expect(inferValue(text)).toEqual(expected);
  });

  it("reads nan as a float NaN", () => {
    expect(Number.isNaN(inferValue("NaN") as number)).toBe(true);
  });

  it("keeps 2.0 a float and 2 an int", () => {
    expect(typeof inferValue("2.0")).toBe("number");
    expect(typeof inferValue("2")).toBe("bigint");
  });
});

describe("isPythonIdentifier", () => {
  it.each(["x", "_private", "learning_rate", "café", "x2"])("accepts %s", (name) => {
    expect(isPythonIdentifier(name)).toBe(true);
  });
  it.each(["2x", "a-b", "", "class", "None", "a b", "x.y"])("rejects %j", (name) => {
    expect(isPythonIdentifier(name)).toBe(false);
  });
});

describe("toJson", () => {
  it("records values for the notebook's metadata", () => {
    expect(
      toJson({ a: 1n, b: 2.5, c: [Number.NaN, Number.NEGATIVE_INFINITY], d: 2n ** 70n }),
    ).toEqual({
      a: 1,
      b: 2.5,
      c: ["nan", "-inf"],
      d: "1180591620717411303424",
    });
  });
});
