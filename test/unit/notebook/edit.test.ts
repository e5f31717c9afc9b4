import { describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import {
  cellSource,
  changeCellType,
  clearOutputs,
  deleteCell,
  findCell,
  insertCell,
  mergeCells,
  moveCell,
  newCellId,
  parseNotebook,
  serializeNotebook,
  setCellMetadata,
  setSource,
  splitCell,
  validateNotebook,
} from "../../../src/notebook/index.js";
import type { Cell, CodeCell, Notebook, Output } from "../../../src/notebook/types.js";
import { deepFreeze } from "./helpers.js";

const stream = (text: string): Output => ({ output_type: "stream", name: "stdout", text });

/** A notebook whose every object is frozen: any mutation by an edit throws. */
function sample(): Notebook {
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", display_name: "Python 3" } },
    cells: [
      {
        id: "c1",
        cell_type: "code",
        metadata: { tags: ["a"] },
        source: "x = 1\ny = 2\n",
        execution_count: 1,
        outputs: [stream("one\n")],
      },
      {
        id: "m1",
        cell_type: "markdown",
        metadata: {},
        source: "# Title",
        attachments: { "a.png": { "image/png": "AAAA" } },
      },
      {
        id: "c2",
        cell_type: "code",
        metadata: {},
        source: "print(y)",
        execution_count: 2,
        outputs: [stream("two\n")],
      },
      { id: "r1", cell_type: "raw", metadata: { format: "text/html" }, source: "<b>raw</b>" },
    ],
  };
  return deepFreeze(notebook);
}

const ids = (notebook: Notebook) => notebook.cells.map((cell) => cell.id);
const cell = (notebook: Notebook, id: string) => findCell(notebook, id) as Cell;

function expectError(action: () => unknown, code: string, message?: RegExp): void {
  try {
    action();
  } catch (error) {
    expect(isOprelError(error, code as never)).toBe(true);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error("no error");
}

function expectValid(notebook: Notebook): void {
  expect(validateNotebook(notebook)).toEqual({ valid: true });
}

describe("insertCell", () => {
  it("inserts at an index, before or after a cell, with a fresh unique id", () => {
    const nb = sample();
    const first = insertCell(nb, 0, { source: "import os" });
    expect(first.cells[0]).toMatchObject({
      cell_type: "code",
      source: "import os",
      execution_count: null,
      outputs: [],
    });
    expect(first.cells[0]?.id).toMatch(/^[0-9a-f]{8}$/);
    expect(ids(insertCell(nb, { before: "c2" }, { id: "new" }))).toEqual([
      "c1",
      "m1",
      "new",
      "c2",
      "r1",
    ]);
    expect(ids(insertCell(nb, { after: "r1" }, { id: "new" }))).toEqual([
      "c1",
      "m1",
      "c2",
      "r1",
      "new",
    ]);
    expect(ids(insertCell(nb, 4, { id: "end" })).at(-1)).toBe("end");
    const markdown = insertCell(nb, 1, {
      cell_type: "markdown",
      source: "hi",
      metadata: { x: 1 },
      id: "md",
    });
    expect(cell(markdown, "md")).toEqual({
      id: "md",
      cell_type: "markdown",
      metadata: { x: 1 },
      source: "hi",
    });
    expectValid(markdown);
    expect(nb.cells).toHaveLength(4);
  });

  it("refuses bad positions, ids and types", () => {
    const nb = sample();
    expectError(() => insertCell(nb, 5), "EDIT_INVALID", /position 5/);
    expectError(() => insertCell(nb, -1), "EDIT_INVALID");
    expectError(
      () => insertCell(nb, { after: "nope" }),
      "CELL_NOT_FOUND",
      /No cell has the id 'nope'/,
    );
    expectError(() => insertCell(nb, 0, { id: "c1" }), "EDIT_INVALID", /already used/);
    expectError(
      () => insertCell(nb, 0, { id: "has space" }),
      "EDIT_INVALID",
      /not a valid cell id/,
    );
    expectError(
      () => insertCell(nb, 0, { cell_type: "heading" as never }),
      "EDIT_INVALID",
      /not a cell type/,
    );
    expectError(() => insertCell(nb, 0, { attachments: {} }), "EDIT_INVALID", /attachments/);
  });

  it("gives ids no cell uses", () => {
    const nb = sample();
    const taken = new Set(ids(nb));
    for (let i = 0; i < 50; i++) expect(taken.has(newCellId(nb))).toBe(false);
  });
});

describe("deleteCell and moveCell", () => {
  it("deletes by id, keeping the other cells as they were", () => {
    const nb = sample();
    const after = deleteCell(nb, "m1");
    expect(ids(after)).toEqual(["c1", "c2", "r1"]);
    expect(after.cells[0]).toBe(nb.cells[0]);
    expectError(() => deleteCell(nb, "zz"), "CELL_NOT_FOUND");
    expect(
      deleteCell(deleteCell(deleteCell(deleteCell(nb, "c1"), "m1"), "c2"), "r1").cells,
    ).toEqual([]);
  });

  it("moves to a final position, or one step up or down", () => {
    const nb = sample();
    expect(ids(moveCell(nb, "c1", 3))).toEqual(["m1", "c2", "r1", "c1"]);
    expect(ids(moveCell(nb, "r1", 0))).toEqual(["r1", "c1", "m1", "c2"]);
    expect(ids(moveCell(nb, "c2", "up"))).toEqual(["c1", "c2", "m1", "r1"]);
    expect(ids(moveCell(nb, "c2", "down"))).toEqual(["c1", "m1", "r1", "c2"]);
    expect(moveCell(nb, "c1", "up")).toBe(nb);
    expect(moveCell(nb, "r1", "down")).toBe(nb);
    expectError(() => moveCell(nb, "c1", 4), "EDIT_INVALID", /position 4/);
  });
});

describe("setSource, setCellMetadata and changeCellType", () => {
  it("sets the source and metadata of one cell", () => {
    const nb = sample();
    const edited = setCellMetadata(setSource(nb, "c2", "print('hé')\n"), "c2", { tags: ["t"] });
    expect(cell(edited, "c2")).toMatchObject({
      source: "print('hé')\n",
      metadata: { tags: ["t"] },
      outputs: [stream("two\n")],
    });
    expect(cellSource(cell(nb, "c2"))).toBe("print(y)");
  });

  it("drops outputs and execution count when leaving code, adds them when becoming code", () => {
    const nb = sample();
    const markdown = changeCellType(nb, "c1", "markdown");
    expect(cell(markdown, "c1")).toEqual({
      id: "c1",
      cell_type: "markdown",
      metadata: { tags: ["a"] },
      source: "x = 1\ny = 2\n",
    });
    const code = changeCellType(nb, "r1", "code");
    expect(cell(code, "r1")).toEqual({
      id: "r1",
      cell_type: "code",
      metadata: { format: "text/html" },
      source: "<b>raw</b>",
      execution_count: null,
      outputs: [],
    });
    const raw = changeCellType(nb, "m1", "raw");
    expect(cell(raw, "m1")).toMatchObject({
      cell_type: "raw",
      attachments: { "a.png": { "image/png": "AAAA" } },
    });
    expect(changeCellType(nb, "c1", "code").cells[0]).toBe(nb.cells[0]);
    for (const result of [markdown, code, raw]) expectValid(result);
  });

  it("will not turn a cell with attachments into code, which would lose them", () => {
    expectError(() => changeCellType(sample(), "m1", "code"), "EDIT_INVALID", /attachments/);
  });
});

describe("splitCell", () => {
  it("splits at an offset: the first part keeps id and outputs, the second gets a new id", () => {
    const nb = sample();
    const split = splitCell(nb, "c1", "x = 1\n".length, { newId: "c1b" });
    expect(ids(split)).toEqual(["c1", "c1b", "m1", "c2", "r1"]);
    expect(cell(split, "c1")).toMatchObject({
      source: "x = 1",
      execution_count: 1,
      outputs: [stream("one\n")],
    });
    expect(cell(split, "c1b")).toEqual({
      id: "c1b",
      cell_type: "code",
      metadata: { tags: ["a"] },
      source: "y = 2\n",
      execution_count: null,
      outputs: [],
    });
    expectValid(split);
  });

  it("drops the line breaks at the cut, as JupyterLab does", () => {
    const nb = setSource(sample(), "c2", "a\n\n\nb");
    const split = splitCell(nb, "c2", 2);
    expect(split.cells.slice(2, 4).map(cellSource)).toEqual(["a", "b"]);
    expect(splitCell(nb, "c2", 0).cells.slice(2, 4).map(cellSource)).toEqual(["", "a\n\n\nb"]);
  });

  it("keeps attachments on both parts of a markdown cell", () => {
    const split = splitCell(sample(), "m1", 2);
    expect(split.cells.slice(1, 3).map((c) => c.cell_type !== "code" && c.attachments)).toEqual([
      { "a.png": { "image/png": "AAAA" } },
      { "a.png": { "image/png": "AAAA" } },
    ]);
  });

  it("refuses offsets outside the source", () => {
    expectError(() => splitCell(sample(), "c2", 99), "EDIT_INVALID", /offset 99/);
    expectError(() => splitCell(sample(), "nope", 0), "CELL_NOT_FOUND");
  });
});

describe("mergeCells", () => {
  it("merges a cell with the next: sources joined with a newline, outputs concatenated", () => {
    const nb = moveCell(sample(), "c2", 1);
    const merged = mergeCells(nb, "c1");
    expect(ids(merged)).toEqual(["c1", "m1", "r1"]);
    expect(cell(merged, "c1")).toEqual({
      id: "c1",
      cell_type: "code",
      metadata: { tags: ["a"] },
      source: "x = 1\ny = 2\n\nprint(y)",
      execution_count: null,
      outputs: [stream("one\n"), stream("two\n")],
    });
    expectValid(merged);
  });

  it("merges listed cells, in notebook order, into the first of them", () => {
    const nb = sample();
    const merged = mergeCells(nb, ["r1", "m1"], { separator: "\n\n" });
    expect(ids(merged)).toEqual(["c1", "m1", "c2"]);
    expect(cell(merged, "m1")).toEqual({
      id: "m1",
      cell_type: "markdown",
      metadata: {},
      source: "# Title\n\n<b>raw</b>",
      attachments: { "a.png": { "image/png": "AAAA" } },
    });
    const all = mergeCells(nb, ["c2", "c1", "c2"]);
    expect(ids(all)).toEqual(["c1", "m1", "r1"]);
  });

  it("refuses what it cannot do without losing something", () => {
    const nb = sample();
    expectError(() => mergeCells(nb, "r1"), "EDIT_INVALID", /last cell/);
    expectError(() => mergeCells(nb, ["c1"]), "EDIT_INVALID", /at least two/);
    expectError(() => mergeCells(nb, ["c1", "m1"]), "EDIT_INVALID", /attachments/);
    expectError(() => mergeCells(nb, ["c1", "x"]), "CELL_NOT_FOUND");
  });
});

describe("clearOutputs", () => {
  it("clears one code cell or all of them, resetting execution counts", () => {
    const nb = sample();
    const one = clearOutputs(nb, "c2");
    expect(cell(one, "c2")).toMatchObject({ outputs: [], execution_count: null });
    expect(cell(one, "c1")).toBe(nb.cells[0]);
    const all = clearOutputs(nb);
    expect(
      all.cells
        .filter((c): c is CodeCell => c.cell_type === "code")
        .map((c) => [c.outputs, c.execution_count]),
    ).toEqual([
      [[], null],
      [[], null],
    ]);
    expect(all.cells[1]).toBe(nb.cells[1]);
    expect(clearOutputs(nb, "m1").cells[1]).toBe(nb.cells[1]);
  });
});

describe("edits keep what they do not touch", () => {
  it("keeps a float's written form in metadata the edit did not replace", () => {
    const text = serializeNotebook({
      ...sample(),
      cells: [
        {
          id: "a",
          cell_type: "code",
          metadata: {},
          source: "",
          execution_count: null,
          outputs: [],
        },
      ],
    }).replace(
      '"metadata": {},\n   "outputs"',
      '"metadata": {\n    "ratio": 1.0\n   },\n   "outputs"',
    );
    expect(text).toContain('"ratio": 1.0');
    const { notebook } = parseNotebook(text);
    const edited = clearOutputs(setSource(notebook, "a", "print(1)\n"), "a");
    expect(serializeNotebook(edited)).toContain('"ratio": 1.0');
  });
});
