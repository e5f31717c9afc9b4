import { describe, expect, it } from "vitest";
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJson } from "../../../src/notebook/json-parse.js";
import { splitLines } from "../../../src/notebook/multiline.js";
import {
  compareCodePoints,
  dumpPythonJson,
  pythonFloatRepr,
} from "../../../src/notebook/python-json.js";
import { runPython } from "./helpers.js";

const PY_DUMP = "json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False)";

/** Python writes `value` as a file would hold it; oprel reads that text and writes it back. */
function pythonRoundTrip(valueExpression: string): { python: string; ours: string } {
  const python = runPython(
    `import json, sys, random, struct, math\nvalue = ${valueExpression}\nsys.stdout.write(${PY_DUMP})`,
  );
  return { python, ours: dumpPythonJson(parseJson(python)) };
}

describe("writing JSON exactly as Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False)", () => {
  it("formats floats like Python's repr, including 1.0, exponents and the extremes", () => {
    const { python, ours } = pythonRoundTrip(
      "[1.0, 0.0, -0.0, 100.0, 1e16, 1e15, 123456789012345678.0, 0.0001, 0.00001, 1.5e-7, 1e22, " +
        "1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 0.1, 1/3, 2/3, 2.5e-05, 12345.678, " +
        "-1e-300, 9007199254740993.0, float('nan'), float('inf'), -float('inf')]",
    );
    expect(ours).toBe(python);
  });

  it("formats 5,000 random doubles of every magnitude like Python", () => {
    const { python, ours } = pythonRoundTrip(
      "[struct.unpack('<d', struct.pack('<Q', random.Random(i).getrandbits(64)))[0] for i in range(5000)]",
    );
    expect(python.split("\n").length).toBe(5002);
    expect(ours).toBe(python);
  });

  it("keeps integers beyond 2^53 digit for digit, and writes integral floats as floats", () => {
    const { python, ours } = pythonRoundTrip(
      "{'big': 2**70, 'neg': -(10**30) - 7, 'safe': 2**53 - 1, 'float': 3.0, 'sci': 1e300, 'list': [1, 1.0, 10**20]}",
    );
    expect(ours).toBe(python);
  });

  it("escapes strings as Python does: control characters, quotes, backslashes; keeps non-ASCII", () => {
    const { python, ours } = pythonRoundTrip(
      "{'s': ''.join(chr(c) for c in range(0, 0x30)) + '\\x7f\\x85\\u2028\\u2029 é ü 中文 \\U0001F600 \\\\ \"q\" /'}",
    );
    expect(ours).toBe(python);
    expect(ours).toContain("\\u001b");
    expect(ours).toContain("😀");
  });

  it("sorts keys by code point (astral characters after U+FFFF), indents by one, writes [] and {}", () => {
    const { python, ours } = pythonRoundTrip(
      "{'\\uffff': 1, '\\U0001F600': 2, 'a': [], 'B': {}, '_': [[], {}], 'é': {'z': 1, 'a': [1, {'y': None, 'x': True}]}, '10': 0, '9': False}",
    );
    expect(ours).toBe(python);
  });

  it("compares code points, not UTF-16 units", () => {
    expect(compareCodePoints("\uffff", "\u{1F600}")).toBeLessThan(0);
    expect(["b", "a", "ab", ""].sort(compareCodePoints)).toEqual(["", "a", "ab", "b"]);
    expect(pythonFloatRepr(1e-5)).toBe("1e-05");
    expect(pythonFloatRepr(-1234.5)).toBe("-1234.5");
  });

  it("writes a number as the file had it only while the value is unchanged", () => {
    const value = parseJson('{"a": 1.0, "b": [2.0, 3]}') as { a: number; b: number[] };
    expect(dumpPythonJson(value)).toBe('{\n "a": 1.0,\n "b": [\n  2.0,\n  3\n ]\n}');
    value.a = 4;
    expect(dumpPythonJson(value)).toContain('"a": 4,');
  });
});

describe("numbers a file wrote that a double cannot hold", () => {
  it("writes 1e400 back as 1e400, not as Infinity, which strict JSON parsers refuse", () => {
    const value = parseJson('{"a": 1e400, "b": [-1E+999, 2.5e308], "c": 1e5}');
    expect(dumpPythonJson(value)).toBe(
      '{\n "a": 1e400,\n "b": [\n  -1E+999,\n  2.5e308\n ],\n "c": 100000.0\n}',
    );
  });
});

describe("parsing JSON", () => {
  function errorOf(text: string): JsonSyntaxError {
    try {
      parseJson(text);
    } catch (error) {
      if (error instanceof JsonSyntaxError) return error;
      throw error;
    }
    throw new Error("parsed without error");
  }

  it("reads what Python's json module reads, including NaN and Infinity", () => {
    const value = parseJson(
      ' {"a": [NaN, Infinity, -Infinity, -0, 1e2, "\\u00e9\\ud83d\\ude00"], "b": {}} ',
    );
    expect(value).toEqual({
      a: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 100, "é😀"],
      b: {},
    });
  });

  it("says where the error is, by line and column", () => {
    const error = errorOf('{\n "cells": [\n  {"a": 1,}\n ]\n}');
    expect(error.line).toBe(3);
    expect(error.column).toBe(11);
    expect(error.reason).toBe("unexpected '}' where a key was expected");
    expect(errorOf('{"a": 1').reason).toBe("unexpected end of file");
    expect(errorOf('{"a": "x').reason).toBe("unterminated string");
    expect(errorOf('{"a": "\n"}').reason).toBe("unescaped control character (U+000A) in a string");
    expect(errorOf('{"a": 01}').reason).toBe("unexpected '1' where ',' or '}' was expected");
    expect(errorOf('{"a": "\\x"}').reason).toBe("invalid escape '\\x'");
    expect(errorOf("[1] x").reason).toBe("unexpected 'x' after the end of the data");
    expect(errorOf('"é" é').column).toBe(5);
  });

  it("refuses nesting deeper than the limit instead of overflowing the stack", () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 5)}${"]".repeat(MAX_JSON_DEPTH + 5)}`;
    expect(errorOf(deep).reason).toContain("nested more than");
    const fine = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJson(fine)).not.toThrow();
  });

  it("keeps a __proto__ key as an ordinary property", () => {
    const value = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(dumpPythonJson(value)).toBe('{\n "__proto__": {\n  "polluted": true\n }\n}');
  });
});

describe("splitting multi-line strings like Python's str.splitlines(True)", () => {
  it("agrees with Python on every kind of line boundary", () => {
    const samples = [
      "",
      "\n",
      "a",
      "a\n",
      "a\nb",
      "a\r\nb\rc\n\n",
      "\r\r\n\n\r",
      "x\vy\fz\x1cw\x1dv\x1eu\x85t\u2028s\u2029r",
      "no boundary: \t\x00\x1b\x1f",
      "tail\r",
    ];
    const python = JSON.parse(
      runPython(
        "import json, sys\nprint(json.dumps([s.splitlines(True) for s in json.load(sys.stdin)]))",
        JSON.stringify(samples),
      ),
    );
    expect(samples.map(splitLines)).toEqual(python);
  });
});
