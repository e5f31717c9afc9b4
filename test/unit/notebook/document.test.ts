// The in-place notebook model: an edit or an output event touches one cell, whatever the size of
// the notebook. Measured by counting reads of cell ids (no timing): the old model searched every
// cell by id and copied the whole array on every event.

import { describe, expect, it } from "vitest";
import type { KernelEvent } from "../../../src/kernel/protocol.js";
import { NotebookDocument } from "../../../src/notebook/document.js";
import { OutputRecorder } from "../../../src/notebook/outputs.js";
import type { Cell, CodeCell, Notebook } from "../../../src/notebook/types.js";

/** A notebook of `count` code cells whose ids count how often they are read. */
function countingNotebook(count: number): { notebook: Notebook; reads: () => number } {
  let reads = 0;
  const cells = Array.from({ length: count }, (_, i): Cell => {
    const cell = {
      cell_type: "code",
      metadata: {},
      source: `x = ${i}`,
      execution_count: null,
      outputs: [],
    } as unknown as CodeCell;
    Object.defineProperty(cell, "id", {
      get: () => {
        reads += 1;
        return `c${i}`;
      },
      enumerable: true,
    });
    return cell;
  });
  return { notebook: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells }, reads: () => reads };
}

const stream = (text: string): KernelEvent => ({ type: "stream", id: "r", name: "stdout", text });

describe("NotebookDocument and OutputRecorder", () => {
  it("read each cell's id about once, however many events arrive", () => {
    const cells = 2000;
    const { notebook, reads } = countingNotebook(cells);
    const recorder = new OutputRecorder(new NotebookDocument(notebook));
    for (let i = 0; i < cells; i += 1) {
      const id = `c${i}`;
      recorder.record(id, { type: "status", id: "r", state: "busy" });
      recorder.record(id, stream("a\n"));
      recorder.record(id, stream("b\n"));
      recorder.record(id, { type: "done", id: "r", status: "ok", execution_count: i + 1 });
    }
    const saved = recorder.snapshot();
    // The old reducer read about cells * cells * 2 ids here (8 million); the index reads each once.
    expect(reads()).toBeLessThan(cells * 3);
    const last = saved.cells[cells - 1] as CodeCell;
    expect(last.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "a\nb\n" }]);
    expect(last.execution_count).toBe(cells);
  });

  it("replaces only the edited cell object and keeps snapshots as they were", () => {
    const { notebook } = countingNotebook(3);
    const document = new NotebookDocument(notebook);
    expect(document.snapshot()).toBe(notebook);
    const version = document.version;
    document.update("c1", (cell) => ({ ...cell, source: "changed" }) as Cell);
    const after = document.snapshot();
    expect(after).not.toBe(notebook);
    expect(after.cells[0]).toBe(notebook.cells[0]);
    expect(after.cells[2]).toBe(notebook.cells[2]);
    expect(after.cells[1]?.source).toBe("changed");
    expect(notebook.cells[1]?.source).toBe("x = 1");
    expect(document.snapshot()).toBe(after);
    expect(document.version).toBeGreaterThan(version);
    expect(document.update("nope", (cell) => cell)).toBe(false);
  });

  it("updates a display shown by an earlier cell, and the running cell's own outputs", () => {
    const { notebook } = countingNotebook(2);
    const recorder = new OutputRecorder(new NotebookDocument(notebook));
    const show = (cellId: string, text: string) => {
      recorder.record(cellId, { type: "status", id: "r", state: "busy" });
      recorder.record(cellId, {
        type: "display",
        id: "r",
        data: { "text/plain": text },
        metadata: {},
        display_id: "d",
      });
    };
    show("c0", "first");
    recorder.record("c0", { type: "done", id: "r", status: "ok", execution_count: 1 });
    show("c1", "second");
    recorder.record("c1", {
      type: "update_display",
      id: "r",
      data: { "text/plain": "updated" },
      metadata: {},
      display_id: "d",
    });
    const texts = recorder
      .snapshot()
      .cells.map((cell) =>
        (cell as CodeCell).outputs.map((o) => ("data" in o ? o.data["text/plain"] : "")),
      );
    expect(texts).toEqual([["updated"], ["updated"]]);
  });
});
