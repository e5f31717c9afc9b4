import { describe, expect, it } from "vitest";
import type { KernelEvent } from "../../../../src/kernel/protocol.js";
import { applyKernelEvent, initialOutputState } from "../../../../src/notebook/outputs.js";
import type { CodeCell, Notebook, Output } from "../../../../src/notebook/types.js";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { displayWidth } from "../../../../src/terminal/width.js";
import { CellOutputs } from "../../../../src/ui/output/cell-output.js";

const ESC = "\u001b";
const plain = (lines: string[]) => lines.map(stripSgr);

function notebookWithCell(outputs: Output[] = []): Notebook {
  const cell: CodeCell = {
    id: "c1",
    cell_type: "code",
    source: "",
    metadata: {},
    execution_count: null,
    outputs,
  };
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
}

const outputsOf = (notebook: Notebook) => (notebook.cells[0] as CodeCell).outputs;

describe("CellOutputs", () => {
  it("renders each kind of output to lines", () => {
    const view = CellOutputs.fromOutputs([
      { output_type: "stream", name: "stdout", text: ["hello\n", "world\n"] },
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": "42", "application/vnd.custom+json": { a: 1 } },
        metadata: {},
      },
      {
        output_type: "display_data",
        data: { "application/x-thing": "?" },
        metadata: {},
      },
      {
        output_type: "error",
        ename: "ValueError",
        evalue: "bad",
        traceback: [`${ESC}[31mValueError${ESC}[0m: bad`, "line 2\nline 3"],
      },
      { output_type: "error", ename: "KeyError", evalue: "'k'", traceback: [] },
    ]);
    const window = view.windowLines(80, 100);
    expect(plain(window.lines)).toEqual([
      "hello",
      "world",
      "42",
      "[application/x-thing output]",
      "ValueError: bad",
      "line 2",
      "line 3",
      "KeyError: 'k'",
    ]);
    expect(window.lines[4]).toBe(`${ESC}[31mValueError${ESC}[0m: bad`);
    expect(window).toMatchObject({ hiddenLines: 0, totalLines: 8 });
  });

  it("shows only the last lines, with a note naming how many are hidden", () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i}\n`).join("");
    const view = CellOutputs.fromOutputs([{ output_type: "stream", name: "stdout", text }]);
    const window = view.windowLines(40, 3);
    expect(plain(window.lines)).toEqual([
      "… 197 more lines — O opens the pager",
      "line 197",
      "line 198",
      "line 199",
    ]);
    expect(window.lines[0]?.startsWith(`${ESC}[2m`)).toBe(true);
    expect(window.lines[0]?.endsWith(`${ESC}[22m`)).toBe(true);
    expect(window).toMatchObject({ hiddenLines: 197, totalLines: 200 });
    expect(plain(view.windowLines(40, 3, { pagerKey: "Enter" }).lines)[0]).toBe(
      "… 197 more lines — Enter opens the pager",
    );
  });

  it("wraps long lines to the width and counts a partly shown line as hidden", () => {
    const view = CellOutputs.fromOutputs([
      { output_type: "stream", name: "stdout", text: `first\n${"x".repeat(25)}` },
    ]);
    expect(plain(view.windowLines(10, 10).lines)).toEqual([
      "first",
      "xxxxxxxxxx",
      "xxxxxxxxxx",
      "xxxxx",
    ]);
    const capped = view.windowLines(10, 2);
    expect(plain(capped.lines)).toEqual(
      ["… 2 more lines — O opens the", "xxxxxxxxxx", "xxxxx"].map((l) => l.slice(0, 10)),
    );
    expect(capped.hiddenLines).toBe(2);
    for (const line of capped.lines) expect(displayWidth(line)).toBeLessThanOrEqual(10);
  });

  it("shows the tail of one enormous line without wrapping all of it", () => {
    const line = "abcdefghij".repeat(100_000);
    const view = CellOutputs.fromOutputs([{ output_type: "stream", name: "stdout", text: line }]);
    const window = view.windowLines(10, 3);
    expect(plain(window.lines)).toEqual(
      ["… 1 more li", "abcdefghij", "abcdefghij", "abcdefghij"].map((l) => l.slice(0, 10)),
    );
  });

  it("follows the model through a run: live appends equal a view rebuilt from the model", () => {
    let state = initialOutputState(
      notebookWithCell([{ output_type: "stream", name: "stdout", text: "old\n" }]),
    );
    const view = CellOutputs.fromOutputs(outputsOf(state.notebook));
    view.windowLines(80, 100);
    const events: KernelEvent[] = [
      { type: "status", id: "r", state: "busy" },
      { type: "stream", id: "r", name: "stdout", text: "a\n 10%" },
      { type: "stream", id: "r", name: "stdout", text: "\r 50%" },
      { type: "stream", id: "r", name: "stderr", text: "warn\n" },
      { type: "stream", id: "r", name: "stdout", text: "b\n" },
      { type: "clear_output", id: "r", wait: true },
      { type: "stream", id: "r", name: "stdout", text: "after clear\n" },
      { type: "stream", id: "r", name: "stdout", text: "more\n" },
      { type: "display", id: "r", data: { "text/plain": "shown" }, metadata: {}, display_id: "d" },
      { type: "stream", id: "r", name: "stdout", text: "tail\n" },
      {
        type: "update_display",
        id: "r",
        data: { "text/plain": "updated" },
        metadata: {},
        display_id: "d",
      },
      { type: "clear_output", id: "r", wait: false },
      { type: "stream", id: "r", name: "stdout", text: "end" },
      { type: "done", id: "r", status: "ok", execution_count: 3 },
    ];
    for (const event of events) {
      const before = view.version;
      state = applyKernelEvent(state, "c1", event);
      view.apply(event, outputsOf(state.notebook));
      const fresh = CellOutputs.fromOutputs(outputsOf(state.notebook));
      expect(view.windowLines(80, 100).lines, event.type).toEqual(fresh.windowLines(80, 100).lines);
      if (event.type !== "done" && !(event.type === "clear_output" && event.wait))
        expect(view.version).toBeGreaterThan(before);
    }
    expect(plain(view.windowLines(80, 100).lines)).toEqual(["end"]);
  });

  it("appends a stream without rebuilding: earlier lines are not read again", () => {
    let state = initialOutputState(notebookWithCell());
    const view = CellOutputs.fromOutputs([]);
    view.windowLines(80, 5);
    for (let i = 0; i < 3000; i++) {
      const event: KernelEvent = { type: "stream", id: "r", name: "stdout", text: `${i}\n` };
      state = applyKernelEvent(state, "c1", event);
      view.apply(event, outputsOf(state.notebook));
    }
    expect(view.outputs).toBe(outputsOf(state.notebook));
    expect(view.lineCount(80)).toBe(3000);
    expect(plain(view.windowLines(80, 2).lines)).toEqual([
      "… 2,998 more lines — O opens the pager",
      "2998",
      "2999",
    ]);
  });

  it("keeps its stores when stdout and stderr alternate (the model rebuilds stream objects)", () => {
    let state = initialOutputState(notebookWithCell());
    const view = CellOutputs.fromOutputs([]);
    view.windowLines(80, 5);
    const stores = [];
    for (let i = 0; i < 6; i++) {
      const event: KernelEvent = {
        type: "stream",
        id: "r",
        name: i % 2 ? "stderr" : "stdout",
        text: `${i}\n`,
      };
      state = applyKernelEvent(state, "c1", event);
      view.apply(event, outputsOf(state.notebook));
      stores.push(view.storesAt(80)[i]);
    }
    expect(view.storesAt(80)).toEqual(stores);
    for (const [i, store] of view.storesAt(80).entries()) expect(store).toBe(stores[i]);
  });

  it("sync rebuilds only when the model's outputs changed", () => {
    const outputs: Output[] = [{ output_type: "stream", name: "stdout", text: "x" }];
    const view = CellOutputs.fromOutputs(outputs);
    const version = view.version;
    view.sync(outputs);
    expect(view.version).toBe(version);
    view.sync([]);
    expect(view.version).toBeGreaterThan(version);
    expect(view.windowLines(80, 5).lines).toEqual([]);
  });

  it("gives the pager every line of every output through one line source", () => {
    const view = CellOutputs.fromOutputs([
      { output_type: "stream", name: "stdout", text: "a\nb\n" },
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": "c\nd" },
        metadata: {},
      },
      { output_type: "stream", name: "stderr", text: "e\n" },
    ]);
    const source = view.lineSource(80);
    expect(source.lineCount).toBe(5);
    expect(source.slice(0, 99)).toEqual(["a", "b", "c", "d", "e"]);
    expect(source.slice(1, 4)).toEqual(["b", "c", "d"]);
    expect(source.slice(4, 5)).toEqual(["e"]);
    view.appendStream("stderr", "f\n");
    expect(source.lineCount).toBe(6);
    expect(source.slice(5, 6)).toEqual(["f"]);
  });
});
