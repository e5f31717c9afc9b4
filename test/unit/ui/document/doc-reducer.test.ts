import { describe, expect, it } from "vitest";
import {
  cellSource,
  deleteCell,
  insertCell,
  type Notebook,
  parseNotebook,
  serializeNotebook,
  setSource,
} from "../../../../src/notebook/index.js";
import { type DocAction, docReducer } from "../../../../src/ui/document/doc-reducer.js";
import { createDocState, type DocState } from "../../../../src/ui/document/doc-state.js";

function notebookOf(...sources: string[]): Notebook {
  const cells = sources.map((source, index) => ({
    cell_type: "code",
    id: `c${index}`,
    metadata: {},
    source,
    outputs: [],
    execution_count: null,
  }));
  return parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }))
    .notebook;
}

function run(state: DocState, ...actions: DocAction[]): DocState {
  return actions.reduce(docReducer, state);
}

const sources = (state: DocState) => state.notebook.cells.map(cellSource);

describe("document reducer", () => {
  it("inserts above and below, and undo/redo walks the steps back and forth", () => {
    const start = createDocState(notebookOf("a", "b"));
    const done = run(
      start,
      { type: "insert", where: "below", source: "x" },
      { type: "insert", where: "above", source: "y" },
    );
    expect(sources(done)).toEqual(["a", "y", "x", "b"]);
    expect(done.cursor).toBe(1);
    const undone = run(done, { type: "undo" });
    expect(sources(undone)).toEqual(["a", "x", "b"]);
    expect(sources(run(undone, { type: "undo" }))).toEqual(["a", "b"]);
    expect(sources(run(undone, { type: "undo" }, { type: "redo" }, { type: "redo" }))).toEqual([
      "a",
      "y",
      "x",
      "b",
    ]);
  });

  it("deletes a Shift+J selection as one step, and never leaves a notebook without cells", () => {
    const start = createDocState(notebookOf("a", "b", "c"));
    const deleted = run(
      start,
      { type: "move", by: 1 },
      { type: "extend", by: 1 },
      { type: "deleteSelection" },
    );
    expect(sources(deleted)).toEqual(["a"]);
    expect(sources(run(deleted, { type: "undo" }))).toEqual(["a", "b", "c"]);
    const empty = run(start, { type: "extend", by: 5 }, { type: "deleteSelection" });
    expect(sources(empty)).toEqual([""]);
    expect(sources(run(empty, { type: "undo" }))).toEqual(["a", "b", "c"]);
  });

  it("merges and splits, and both undo to the original cells and ids", () => {
    const start = createDocState(notebookOf("a = 1", "b = 2"));
    const merged = run(start, { type: "merge" });
    expect(sources(merged)).toEqual(["a = 1\nb = 2"]);
    const split = run(merged, { type: "split", offset: 5 });
    expect(sources(split)).toEqual(["a = 1", "b = 2"]);
    expect(split.cursor).toBe(1);
    const back = run(split, { type: "undo" }, { type: "undo" });
    expect(back.notebook.cells.map((cell) => cell.id)).toEqual(["c0", "c1"]);
  });

  it("pastes copies with fresh ids below the cursor", () => {
    const start = createDocState(notebookOf("a", "b"));
    const pasted = run(start, { type: "paste", cells: start.notebook.cells });
    expect(sources(pasted)).toEqual(["a", "a", "b", "b"]);
    const ids = pasted.notebook.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(4);
    expect(pasted.cursor).toBe(2);
  });

  it("changes types, moves cells and edits sources, each undoable", () => {
    const start = createDocState(notebookOf("a", "b", "c"));
    const typed = run(start, { type: "setType", cellType: "markdown" });
    expect(typed.notebook.cells[0]?.cell_type).toBe("markdown");
    expect(run(typed, { type: "undo" }).notebook.cells[0]?.cell_type).toBe("code");
    const moved = run(start, { type: "moveCells", by: 1 }, { type: "moveCells", by: 1 });
    expect(sources(moved)).toEqual(["b", "c", "a"]);
    expect(moved.cursor).toBe(2);
    expect(sources(run(moved, { type: "undo" }))).toEqual(["b", "a", "c"]);
    const edited = run(start, { type: "setSource", index: 1, source: "B" });
    expect(sources(edited)).toEqual(["a", "B", "c"]);
    expect(sources(run(edited, { type: "undo" }))).toEqual(["a", "b", "c"]);
    // An unchanged source is no step at all.
    expect(run(start, { type: "setSource", index: 1, source: "b" }).history.past).toHaveLength(0);
  });

  it("keeps outputs recorded after an edit when the edit is undone", () => {
    const start = createDocState(notebookOf("print(1)"));
    const edited = run(start, { type: "setSource", index: 0, source: "print(2)" });
    const cell = edited.notebook.cells[0];
    if (cell?.cell_type !== "code") throw new Error("expected code");
    const ran: Notebook = {
      ...edited.notebook,
      cells: [
        {
          ...cell,
          execution_count: 1,
          outputs: [{ output_type: "stream", name: "stdout", text: "2\n" }],
        },
      ],
    };
    const undone = run(edited, { type: "recorded", notebook: ran }, { type: "undo" });
    const after = undone.notebook.cells[0];
    expect(cellSource(after as never)).toBe("print(1)");
    expect(after?.cell_type === "code" && after.outputs).toHaveLength(1);
  });

  it("hides and shows outputs through metadata.jupyter.outputs_hidden", () => {
    const start = createDocState(notebookOf("a"));
    const hidden = run(start, { type: "toggleOutput" });
    expect(hidden.notebook.cells[0]?.metadata).toEqual({ jupyter: { outputs_hidden: true } });
    expect(run(hidden, { type: "toggleOutput" }).notebook.cells[0]?.metadata).toEqual({});
  });

  it("moves the cursor within bounds", () => {
    const start = createDocState(notebookOf("a", "b"));
    expect(run(start, { type: "move", by: -3 }).cursor).toBe(0);
    expect(run(start, { type: "move", by: 9 }).cursor).toBe(1);
    expect(run(start, { type: "moveTo", index: 99 }).cursor).toBe(1);
  });
});

describe("replacing cells (the assistant's accepted round)", () => {
  it("records only the changed range as one undo step, keeping the cursor on its cell", () => {
    const start = run(createDocState(notebookOf("a", "b", "c", "d")), { type: "moveTo", index: 3 });
    let next = setSource(start.notebook, "c1", "B");
    next = insertCell(next, 3, { cell_type: "markdown", source: "new", id: "n1" });
    next = deleteCell(next, "c0");
    const done = docReducer(start, { type: "replaceCells", notebook: next, label: "assistant" });
    expect(sources(done)).toEqual(["B", "c", "new", "d"]);
    expect(done.cursor).toBe(3);
    expect(done.history.past).toHaveLength(1);
    const [change] = done.history.past[0]?.changes ?? [];
    // "d" was the same object before and after, so it is not part of the change.
    expect(change?.at).toBe(0);
    expect(change?.removed.map((cell) => cell.id)).toEqual(["c0", "c1", "c2"]);
    expect(change?.added.map((cell) => cell.id)).toEqual(["c1", "c2", "n1"]);
    const undone = docReducer(done, { type: "undo" });
    expect(sources(undone)).toEqual(["a", "b", "c", "d"]);
    expect(undone.cursor).toBe(3);
    expect(docReducer(undone, { type: "redo" }).notebook.cells.map(cellSource)).toEqual(
      sources(done),
    );
  });

  it("changes nothing, and records nothing, for the same cells", () => {
    const start = createDocState(notebookOf("a", "b"));
    const same = { ...start.notebook, cells: start.notebook.cells.slice() };
    expect(docReducer(start, { type: "replaceCells", notebook: same, label: "assistant" })).toBe(
      start,
    );
  });
});

describe("document reducer and number formats", () => {
  it("keeps how the file wrote numbers in a cell's metadata when hiding its output", () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: "code",
          id: "a",
          metadata: {},
          source: "",
          outputs: [],
          execution_count: null,
        },
      ],
    }).replace('"metadata":{},"source"', '"metadata":{"scale":1.0,"jupyter":{"w":2.0}},"source"');
    const state = createDocState(parseNotebook(text).notebook);
    const hidden = docReducer(state, { type: "toggleOutput" });
    const saved = serializeNotebook(hidden.notebook);
    expect(saved).toContain('"scale": 1.0');
    expect(saved).toContain('"w": 2.0');
    expect(saved).toContain('"outputs_hidden": true');
  });
});
