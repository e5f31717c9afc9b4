// The notebook writer splits multi-line strings into lines as it writes (a big output never exists
// as text and as an array of lines at once); the file must be the same as splitting first.

import { describe, expect, it } from "vitest";
import { toDiskForm } from "../../../src/notebook/disk-form.js";
import { dumpPythonJson } from "../../../src/notebook/python-json.js";
import { serializeNotebook, writeNotebook } from "../../../src/notebook/serialize.js";
import type { Notebook } from "../../../src/notebook/types.js";

function notebook(texts: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: texts.map((text, i) => ({
      id: `c${i}`,
      cell_type: "code",
      metadata: {},
      source: text,
      execution_count: 1,
      outputs: [
        { output_type: "stream", name: "stdout", text },
        { output_type: "display_data", data: { "text/plain": text }, metadata: {} },
      ],
    })),
  };
}

describe("writing a notebook piece by piece", () => {
  it("gives the same text as splitting every multi-line string first", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `line "${i}"\n`).join("");
    const nb = notebook([
      many,
      `${many}no end`,
      "",
      "\n",
      "a\r\nb\rc\u2028d\n",
      "x".repeat(5000),
      "tab\there\u0001\n",
    ]);
    const expected = `${dumpPythonJson(toDiskForm(nb))}\n`;
    expect(serializeNotebook(nb)).toBe(expected);
    const pieces: string[] = [];
    writeNotebook({ push: (...p: string[]) => pieces.push(...p) }, nb);
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join("")).toBe(expected);
  });
});
