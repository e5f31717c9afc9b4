import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  pythonFloat,
  pythonLiteral,
  pythonString,
} from "../../../src/run/params/python-literal.js";

/** Evaluates each expression in a real Python and returns repr() of the result. */
function pythonRepr(expressions: string[]): string[] {
  const script = "import json,sys\nfor e in json.load(sys.stdin): print(json.dumps(repr(eval(e))))";
  const out = execFileSync("python3", ["-c", script], {
    input: JSON.stringify(expressions),
    encoding: "utf8",
  });
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string);
}

/** Python's own repr() of floats given as exact decimal text. */
function pythonFloatRepr(values: number[]): string[] {
  return pythonRepr(values.map((v) => `float(${JSON.stringify(String(v))})`));
}

describe("pythonFloat", () => {
  it("matches Python's repr for a spread of magnitudes", () => {
    const values = [
      1,
      0.1,
      1.5,
      -2.25,
      1e15,
      1e16,
      123456789012345680,
      1e-4,
      1e-5,
      0.00012345,
      1.5e300,
      5e-324,
      Number.MAX_VALUE,
      1 / 3,
      2 / 3,
      100,
      12345.678,
      -1e-7,
      9007199254740992,
      0.30000000000000004,
    ];
    expect(values.map(pythonFloat)).toEqual(pythonFloatRepr(values));
  });

  it("keeps the sign of zero and spells non-finite values as float()", () => {
    expect(pythonFloat(0)).toBe("0.0");
    expect(pythonFloat(-0)).toBe("-0.0");
    expect(pythonFloat(Number.POSITIVE_INFINITY)).toBe("float('inf')");
    expect(pythonFloat(Number.NEGATIVE_INFINITY)).toBe("float('-inf')");
    expect(pythonFloat(Number.NaN)).toBe("float('nan')");
  });
});

describe("pythonString", () => {
  const tricky = [
    "",
    "plain",
    'say "hi"',
    "it's",
    "back\\slash",
    "C:\\new\\table",
    "line1\nline2\r\n\ttab",
    "caf\u00e9 \u2603 \u{1F600}",
    "\u0000\u0007\u001b[31mred\u007f",
    "ends with backslash\\",
    "{braces} and %s and $x",
  ];

  it("evaluates back to the same text in Python", () => {
    const literals = tricky.map(pythonString);
    expect(pythonRepr(literals)).toEqual(pythonRepr(tricky.map((t) => JSON.stringify(t))));
  });

  it("writes pure ASCII like papermill's unicode_escape", () => {
    expect(pythonString("caf\u00e9 \u2603 \u{1F600}")).toBe('"caf\\xe9 \\u2603 \\U0001f600"');
    expect(pythonString('a"b')).toBe('"a\\"b"');
  });
});

describe("pythonLiteral", () => {
  it("renders every kind of value", () => {
    expect(pythonLiteral(null)).toBe("None");
    expect(pythonLiteral(true)).toBe("True");
    expect(pythonLiteral(false)).toBe("False");
    expect(pythonLiteral(12345678901234567890n)).toBe("12345678901234567890");
    expect(pythonLiteral(1)).toBe("1.0");
    expect(pythonLiteral([1n, "a", [null]])).toBe('[1, "a", [None]]');
    expect(pythonLiteral({ a: 1n, "b c": { d: [1.5, false] } })).toBe(
      '{"a": 1, "b c": {"d": [1.5, False]}}',
    );
  });

  it("produces Python that evaluates to the intended nested value", () => {
    const value = { n: 3n, f: Number.POSITIVE_INFINITY, s: 'q"\n', l: [true, null, -0.5], d: {} };
    const [repr] = pythonRepr([pythonLiteral(value)]);
    expect(repr).toBe("{'n': 3, 'f': inf, 's': 'q\"\\n', 'l': [True, None, -0.5], 'd': {}}");
  });
});
