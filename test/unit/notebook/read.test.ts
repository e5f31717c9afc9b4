import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOprelError, OprelError } from "../../../src/errors.js";
import { loadNotebook, parseNotebook } from "../../../src/notebook/read.js";
import { serializeNotebook } from "../../../src/notebook/serialize.js";
import type { CodeCell } from "../../../src/notebook/types.js";
import { validateNotebook } from "../../../src/notebook/validate.js";
import { asUnprivilegedUser, corpusNotebooks, makeTempDir, readCorpus } from "./helpers.js";

function failure(text: string, source = "analysis.ipynb"): OprelError {
  try {
    parseNotebook(text, source);
  } catch (error) {
    if (error instanceof OprelError) return error;
    throw error;
  }
  throw new Error("parsed without error");
}

const minimal = (cells: unknown[], minor = 5) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: minor, metadata: {}, cells });

describe("reading notebook text", () => {
  it("says where JSON is broken, with a hint", () => {
    const error = failure('{\n "cells": [],\n "metadata": {},\n}\n');
    expect(error.code).toBe("NOTEBOOK_MALFORMED");
    expect(error.message).toBe(
      "analysis.ipynb is not valid JSON (line 4, column 1: unexpected '}' where a key was expected)",
    );
    expect(error.hint).toMatch(/truncated/);
  });

  it("recognises files that are not notebooks", () => {
    expect(failure("[1, 2]").message).toBe(
      "analysis.ipynb is not a Jupyter notebook: it holds a list, not a JSON object",
    );
    expect(failure('{"cells": []}').message).toBe(
      "analysis.ipynb is not a Jupyter notebook: it has no 'nbformat' field",
    );
    expect(failure('{"nbformat": "4"}').message).toMatch(/not a version number/);
    expect(failure("").message).toBe("analysis.ipynb is empty");
    expect(failure(" \n").code).toBe("NOTEBOOK_MALFORMED");
  });

  it("refuses nbformat 1 and 2, and formats newer than 4", () => {
    const old = failure(readCorpus("nbformat/test2.ipynb"), "test2.ipynb");
    expect(old.code).toBe("NOTEBOOK_TOO_OLD");
    expect(old.message).toBe(
      "test2.ipynb uses nbformat 2, which is too old for oprel (it reads nbformat 3 and 4)",
    );
    expect(old.hint).toMatch(/jupyter nbconvert --to notebook/);
    const newer = failure('{"nbformat": 5, "nbformat_minor": 0, "metadata": {}, "cells": []}');
    expect(newer.code).toBe("NOTEBOOK_INVALID");
    expect(newer.message).toMatch(/nbformat 5, which is newer/);
  });

  it("gives an invalid notebook one message saying where and why", () => {
    const text = minimal([
      { id: "ab12cd34", cell_type: "markdown", metadata: {}, source: "" },
      {
        id: "x1",
        cell_type: "code",
        metadata: {},
        source: "",
        execution_count: null,
        outputs: [{ output_type: "stream", text: "hi" }],
      },
    ]);
    const error = failure(text);
    expect(error.code).toBe("NOTEBOOK_INVALID");
    expect(error.message).toBe(
      "analysis.ipynb is not a valid notebook: cell 2 (id x1), output 1: 'name' is missing",
    );
  });

  it("upgrades nbformat 4.0-4.4 in memory: every cell gets a unique 8-hex-digit id", () => {
    const parsed = parseNotebook(
      readCorpus("papermill/simple_execute.ipynb"),
      "simple_execute.ipynb",
    );
    expect(parsed.upgradedFrom).toBe("4.4");
    expect(parsed.notebook.nbformat_minor).toBe(5);
    const ids = parsed.notebook.cells.map((cell) => cell.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parsed.warnings).toEqual([
      "simple_execute.ipynb was upgraded from nbformat 4.4 to 4.5 in memory; saving writes nbformat 4.5.",
    ]);
  });

  it("repairs duplicate, invalid and missing ids in 4.5 notebooks, with a warning each", () => {
    const cells = [
      { id: "dup", cell_type: "raw", metadata: {}, source: "" },
      { id: "dup", cell_type: "raw", metadata: {}, source: "" },
      { id: "$bad chars", cell_type: "raw", metadata: {}, source: "" },
      { id: "x".repeat(65), cell_type: "raw", metadata: {}, source: "" },
      { id: 7, cell_type: "raw", metadata: {}, source: "" },
      { cell_type: "raw", metadata: {}, source: "" },
      { id: "keep-me_1", cell_type: "raw", metadata: {}, source: "" },
    ];
    const parsed = parseNotebook(minimal(cells), "n.ipynb");
    const ids = parsed.notebook.cells.map((cell) => cell.id);
    expect(ids[0]).toBe("dup");
    expect(ids[6]).toBe("keep-me_1");
    expect(new Set(ids).size).toBe(7);
    expect(parsed.warnings).toHaveLength(5);
    expect(parsed.warnings[0]).toBe("n.ipynb: 1 cell(s) had no id; new ids were given.");
    expect(parsed.warnings[1]).toBe(
      `n.ipynb: cell 2 repeated the id 'dup' of an earlier cell; it is now '${ids[1]}'.`,
    );
    expect(parsed.warnings[2]).toBe(
      `n.ipynb: cell 3 had an invalid id '$bad chars'; it is now '${ids[2]}'.`,
    );
    expect(parsed.warnings[4]).toMatch(/cell 5 had an invalid id \(number\)/);
  });

  it("joins multi-line strings in memory and strips what Jupyter strips", () => {
    const parsed = parseNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { signature: "sha256:x", orig_nbformat: 3, kept: 1 },
        cells: [
          {
            id: "a",
            cell_type: "code",
            metadata: { trusted: true },
            source: ["a\n", "b"],
            execution_count: 1,
            outputs: [
              { output_type: "stream", name: "stdout", text: ["x\n", "y"] },
              {
                output_type: "display_data",
                metadata: {},
                data: { "text/plain": ["p\n", "q"], "application/json": ["j", "k"] },
              },
            ],
          },
        ],
      }),
    );
    const cell = parsed.notebook.cells[0] as CodeCell;
    expect(cell.source).toBe("a\nb");
    expect(cell.metadata).toEqual({});
    expect(parsed.notebook.metadata).toEqual({ kept: 1 });
    expect(cell.outputs[0]).toMatchObject({ text: "x\ny" });
    expect(cell.outputs[1]).toMatchObject({
      data: { "text/plain": "p\nq", "application/json": ["j", "k"] },
    });
  });

  it("reads a notebook from a newer 4.x minor version, keeping properties it does not know", () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 9,
      metadata: {},
      future: { x: 1 },
      cells: [{ id: "a", cell_type: "markdown", metadata: {}, source: ["x"], future_field: true }],
    });
    const parsed = parseNotebook(text, "f.ipynb");
    expect(parsed.warnings[0]).toMatch(/nbformat 4\.9, newer than oprel knows/);
    expect(JSON.parse(serializeNotebook(parsed.notebook))).toEqual(JSON.parse(text));
  });

  it("drops a byte order mark with a warning", () => {
    const parsed = parseNotebook(`\uFEFF${minimal([])}`, "bom.ipynb");
    expect(parsed.warnings[0]).toMatch(/byte order mark/);
  });
});

describe("converting nbformat 3", () => {
  const parsed = parseNotebook(readCorpus("nbformat/test3.ipynb"), "test3.ipynb");
  const cells = parsed.notebook.cells;

  it("flattens worksheets and turns heading cells into markdown headings", () => {
    expect(parsed.upgradedFrom).toBe("3.0");
    expect(cells[0]).toMatchObject({ cell_type: "markdown", source: "# nbconvert latex test" });
    expect(cells[2]).toMatchObject({ cell_type: "markdown", source: "## Printed Using Python" });
  });

  it("turns input, prompt_number, pyout and v3 MIME keys into their nbformat 4 forms", () => {
    const code = cells.find(
      (cell) => cell.cell_type === "code" && cell.execution_count === 3,
    ) as CodeCell;
    expect(code.source).toMatch(/^from IPython.display import HTML\n/);
    expect(code.metadata).toEqual({ collapsed: false });
    const result = code.outputs[0];
    expect(result?.output_type).toBe("execute_result");
    expect(result?.output_type === "execute_result" && Object.keys(result.data).sort()).toEqual([
      "text/html",
      "text/plain",
    ]);
    const image = cells.find(
      (cell) =>
        cell.cell_type === "code" && cell.outputs.some((o) => "data" in o && "image/png" in o.data),
    );
    expect(image).toBeDefined();
    const stream = (cells[3] as CodeCell).outputs[0];
    expect(stream).toEqual({ output_type: "stream", name: "stdout", text: "hello\n" });
  });

  it("converts pyerr and application/json as nbformat does", () => {
    const v3 = {
      nbformat: 3,
      nbformat_minor: 0,
      metadata: { name: "x", signature: "s", keep: true },
      worksheets: [
        {
          cells: [
            {
              cell_type: "code",
              language: "python",
              input: ["a", "b"],
              prompt_number: 2,
              collapsed: true,
              metadata: {},
              outputs: [
                { output_type: "pyerr", ename: "E", evalue: "v", traceback: ["t"] },
                {
                  output_type: "display_data",
                  json: '{"a": [1, 2]}',
                  png: "AAA",
                  metadata: { png: { width: 3 } },
                },
              ],
            },
            { cell_type: "heading", level: 3, source: "Two\nlines", metadata: {} },
          ],
        },
      ],
    };
    const { notebook } = parseNotebook(JSON.stringify(v3));
    expect(notebook.metadata).toEqual({ keep: true });
    const [code, heading] = notebook.cells as [CodeCell, CodeCell];
    expect(code.source).toBe("a\nb"); // lines without line ends were joined with "\n"
    expect(code.execution_count).toBe(2);
    expect(code.metadata).toEqual({ collapsed: true });
    expect(code.outputs[0]).toEqual({
      output_type: "error",
      ename: "E",
      evalue: "v",
      traceback: ["t"],
    });
    expect(code.outputs[1]).toEqual({
      output_type: "display_data",
      data: { "application/json": { a: [1, 2] }, "image/png": "AAA" },
      metadata: { "image/png": { width: 3 } },
    });
    expect(heading.source).toBe("### Two lines");
  });
});

describe("loading notebook files", () => {
  const folder = makeTempDir();
  afterAll(folder.remove);

  it("records size, mtime and a content hash", async () => {
    const path = join(folder.path, "a.ipynb");
    writeFileSync(path, readCorpus("nbformat/test4.5.ipynb"));
    const loaded = await loadNotebook(path);
    expect(loaded.path).toBe(path);
    expect(loaded.disk.size).toBe(Buffer.byteLength(readCorpus("nbformat/test4.5.ipynb")));
    expect(loaded.disk.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.disk.mtimeMs).toBeGreaterThan(0);
  });

  it("turns file system problems into NOTEBOOK_UNREADABLE with plain sentences", async () => {
    const missing = join(folder.path, "missing.ipynb");
    await expect(loadNotebook(missing)).rejects.toMatchObject({
      code: "NOTEBOOK_UNREADABLE",
      message: `${missing} does not exist`,
    });
    const dir = join(folder.path, "dir.ipynb");
    mkdirSync(dir);
    await expect(loadNotebook(dir)).rejects.toMatchObject({
      message: `${dir} is a folder, not a notebook`,
    });
  });

  it("refuses bytes that are not UTF-8 instead of guessing", async () => {
    const path = join(folder.path, "latin1.ipynb");
    writeFileSync(path, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    await expect(loadNotebook(path)).rejects.toMatchObject({
      code: "NOTEBOOK_MALFORMED",
      message: `${path} is not UTF-8 text`,
    });
  });

  it("says so when a file cannot be read for lack of permission", () => {
    const path = join(folder.path, "secret.ipynb");
    writeFileSync(path, minimal([]));
    chmodSync(folder.path, 0o755);
    chmodSync(path, 0o600);
    if (process.getuid?.() !== 0) chmodSync(path, 0o000);
    expect(asUnprivilegedUser("load", path)).toEqual({
      code: "NOTEBOOK_UNREADABLE",
      message: `${path} cannot be read: permission denied`,
      hint: "Check the file's permissions.",
    });
  });
});

describe("never crashing on bad input", () => {
  // A tiny deterministic generator, so a failure can be reproduced.
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  function expectOnlyOprelErrors(text: string): void {
    try {
      const { notebook } = parseNotebook(text, "fuzz.ipynb");
      // Whatever is accepted is valid and can be written and read back.
      expect(validateNotebook(notebook)).toEqual({ valid: true });
      parseNotebook(serializeNotebook(notebook));
    } catch (error) {
      if (!isOprelError(error))
        throw new Error(`crashed on input: ${JSON.stringify(text.slice(0, 300))}`, {
          cause: error,
        });
    }
  }

  const samples = corpusNotebooks().filter((_, index) => index % 4 === 0);

  it("survives truncation at any point and random byte damage", () => {
    const next = random(42);
    for (const name of samples) {
      const text = readCorpus(name);
      for (let i = 0; i < 30; i++)
        expectOnlyOprelErrors(text.slice(0, Math.floor(next() * text.length)));
      for (let i = 0; i < 30; i++) {
        const chars = [...text];
        for (let k = 0; k < 3; k++) {
          const at = Math.floor(next() * chars.length);
          chars[at] = String.fromCharCode(Math.floor(next() * 128));
        }
        expectOnlyOprelErrors(chars.join(""));
      }
    }
  });

  it("survives odd types in every field of real notebooks", () => {
    const next = random(7);
    const oddValues: unknown[] = [
      null,
      0,
      -1,
      1.5,
      "",
      "x",
      [],
      {},
      [null],
      { a: 1 },
      true,
      "4",
      [[]],
    ];
    for (const name of [...samples, "nbformat/test3.ipynb", "nbformat/test4.5.ipynb"]) {
      const original = JSON.parse(readCorpus(name));
      const paths = collectPaths(original);
      for (let i = 0; i < 120; i++) {
        const copy = JSON.parse(JSON.stringify(original));
        const path = paths[Math.floor(next() * paths.length)] ?? [];
        expectOnlyOprelErrors(
          JSON.stringify(setAt(copy, path, oddValues[Math.floor(next() * oddValues.length)])),
        );
      }
    }
  });

  it("survives garbage", () => {
    const next = random(99);
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(next() * 200);
      let text = "";
      for (let k = 0; k < length; k++)
        text += '{}[]",:0123456789.eE-+ntrufalsNIy\\ abc\n'[Math.floor(next() * 42)];
      expectOnlyOprelErrors(text);
    }
  });
});

function collectPaths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  out.push(prefix);
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      collectPaths(item, [...prefix, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return target;
}
