import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import { parseParameterDefaults } from "../../../src/run/params/defaults.js";
import { resolveParams } from "../../../src/run/params/resolve.js";
import { readParamSources } from "../../../src/run/params/sources.js";
import { parseYamlParams } from "../../../src/run/params/yaml-params.js";

const defaults = parseParameterDefaults(
  "epochs = 10\nrate = 0.5\nname = 'x'\nverbose = False\nopt = None\nlayers = [1]\n",
);

async function resolve(args: Parameters<typeof readParamSources>[0], strict = false) {
  return resolveParams(await readParamSources(args), defaults, strict);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("resolveParams", () => {
  it("coerces -p text to the default's type", async () => {
    const { values, warnings } = await resolve([
      { kind: "p", name: "epochs", value: "20" },
      { kind: "p", name: "rate", value: "1" },
      { kind: "p", name: "name", value: "123" },
      { kind: "p", name: "verbose", value: "true" },
      { kind: "p", name: "opt", value: "3.5" },
      { kind: "p", name: "layers", value: "True" },
    ]);
    expect(values).toEqual({
      epochs: 20n,
      rate: 1,
      name: "123",
      verbose: true,
      opt: 3.5,
      layers: true,
    });
    expect(typeof values.rate).toBe("number");
    expect(warnings).toEqual([]);
  });

  it("rejects a value that does not fit the default, saying what was expected", async () => {
    const entries = await readParamSources([{ kind: "p", name: "epochs", value: "ten" }]);
    const error = thrown(() => resolveParams(entries, defaults, false));
    expect(isOprelError(error, "PARAMETER_INVALID")).toBe(true);
    expect((error as Error).message).toBe("-p epochs 'ten': expected an int like the default 10.");
    const bool = await readParamSources([{ kind: "p", name: "verbose", value: "yes" }]);
    expect((thrown(() => resolveParams(bool, defaults, false)) as Error).message).toContain(
      "expected a bool",
    );
  });

  it("accepts None for any default", async () => {
    expect((await resolve([{ kind: "p", name: "epochs", value: "None" }])).values).toEqual({
      epochs: null,
    });
  });

  it("keeps -r values as raw strings", async () => {
    expect((await resolve([{ kind: "r", name: "epochs", value: "10" }])).values).toEqual({
      epochs: "10",
    });
  });

  it("applies sources in command-line order, later winning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oprel-params-"));
    const file = join(dir, "p.yaml");
    writeFileSync(file, "epochs: 5\nrate: 0.1\nlayers: [3, {a: b}]\n");
    const { values } = await resolve([
      { kind: "p", name: "epochs", value: "1" },
      { kind: "f", path: file },
      { kind: "y", text: "rate: 2.0" },
      { kind: "p", name: "rate", value: "3" },
    ]);
    expect(values).toEqual({ epochs: 5n, rate: 3, layers: [3n, { a: "b" }] });
  });

  it("warns about unknown names, and refuses them with --strict-params", async () => {
    const { warnings } = await resolve([{ kind: "p", name: "epoch", value: "1" }]);
    expect(warnings).toEqual([
      "Unknown parameter 'epoch': the parameters cell does not define it.",
    ]);
    const entries = await readParamSources([{ kind: "y", text: "a: 1\nb: 2" }]);
    const error = thrown(() => resolveParams(entries, defaults, true));
    expect(isOprelError(error, "PARAMETER_INVALID")).toBe(true);
    expect((error as Error).message).toContain("'a', 'b'");
  });

  it("treats every name as unknown when the notebook has no parameters cell", async () => {
    const entries = await readParamSources([{ kind: "p", name: "x", value: "1" }]);
    expect(resolveParams(entries, undefined, false).warnings[0]).toContain("no parameters cell");
  });
});

describe("parameter sources", () => {
  it("keeps YAML ints and floats apart", () => {
    const values = parseYamlParams("i: 1\nf: 1.0\ninf: .inf\ns: '1'\nn: null\nb: true\n", "-y");
    expect(values).toEqual({
      i: 1n,
      f: 1,
      inf: Number.POSITIVE_INFINITY,
      s: "1",
      n: null,
      b: true,
    });
    expect(typeof values.f).toBe("number");
  });

  it.each([
    ["[1, 2]", "not a mapping"],
    ["a: [1", "not valid"],
    ["2x: 1", "not a valid Python variable name"],
  ])("refuses YAML %j", (text, message) => {
    const error = thrown(() => parseYamlParams(text, "-y"));
    expect(isOprelError(error, "PARAMETER_INVALID")).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it("accepts an empty YAML document", () => {
    expect(parseYamlParams("", "-y")).toEqual({});
  });

  it("reports a missing -f file clearly", async () => {
    await expect(readParamSources([{ kind: "f", path: "/nonexistent/p.yaml" }])).rejects.toThrow(
      "The parameters file /nonexistent/p.yaml does not exist.",
    );
  });

  it("refuses a -p name that is not an identifier", async () => {
    await expect(readParamSources([{ kind: "p", name: "a-b", value: "1" }])).rejects.toThrow(
      "not a valid Python variable name",
    );
  });
});
