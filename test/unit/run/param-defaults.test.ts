import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseParameterDefaults } from "../../../src/run/params/defaults.js";

describe("parseParameterDefaults", () => {
  it("learns names and literal types from simple assignments", () => {
    const source = [
      "# Parameters",
      "epochs = 10  # how many",
      "rate = 0.01",
      "big = 1_000_000",
      "mask = 0xff",
      "verbose = True",
      "name = 'adam'  # the optimizer # with a second hash",
      'path = "a # not a comment"',
      "raw = r'C:\\temp'",
      "missing = None",
      "limit = float('inf')",
      "layers = [64, 32]",
      "cfg = dict(a=1)",
      "neg = -3",
      "sci = 1e-3",
    ].join("\n");
    const types = Object.fromEntries(parseParameterDefaults(source).map((d) => [d.name, d.type]));
    expect(types).toEqual({
      epochs: "int",
      rate: "float",
      big: "int",
      mask: "int",
      verbose: "bool",
      name: "str",
      path: "str",
      raw: "str",
      missing: "None",
      limit: "float",
      layers: "unknown",
      cfg: "unknown",
      neg: "int",
      sci: "float",
    });
  });

  it("keeps the default's text for messages and drops the comment", () => {
    const [d] = parseParameterDefaults("epochs = 10   # number of passes");
    expect(d).toEqual({ name: "epochs", type: "int", text: "10" });
  });

  it("ignores comparisons, augmented assignments, indented and unpacking lines", () => {
    const source = "if x:\n    y = 1\na == 3\nb += 1\nc, d = 1, 2\n= 2\n";
    expect(parseParameterDefaults(source)).toEqual([]);
  });

  it("uses an annotation to make an int literal a float", () => {
    expect(parseParameterDefaults("a: float = 2")[0]?.type).toBe("float");
    expect(parseParameterDefaults("a: int = 2")[0]?.type).toBe("int");
  });

  it("reads papermill's complex_parameters notebook", () => {
    const nb = JSON.parse(
      readFileSync(
        new URL("../../fixtures/corpus/papermill/complex_parameters.ipynb", import.meta.url),
        "utf8",
      ),
    );
    const source = (nb.cells[0].source as string[]).join("");
    const found = parseParameterDefaults(source).map((d) => `${d.name}:${d.type}`);
    expect(found).toEqual(["msg:None", "a:float", "b:unknown", "c:None", "d:unknown"]);
  });
});
