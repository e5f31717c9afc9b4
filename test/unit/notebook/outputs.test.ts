import { describe, expect, it } from "vitest";
import type { KernelEvent } from "../../../src/kernel/protocol.js";
import {
  applyKernelEvent,
  initialOutputState,
  type OutputState,
} from "../../../src/notebook/outputs.js";
import { serializeNotebook } from "../../../src/notebook/serialize.js";
import type { CodeCell, Notebook } from "../../../src/notebook/types.js";
import { validateNotebook } from "../../../src/notebook/validate.js";
import { deepFreeze } from "./helpers.js";

type Event = KernelEvent extends infer E
  ? E extends { id: string }
    ? Omit<E, "id">
    : never
  : never;

function notebook(): Notebook {
  const code = (id: string): CodeCell => ({
    id,
    cell_type: "code",
    metadata: {},
    source: "",
    execution_count: 7,
    outputs: [{ output_type: "stream", name: "stdout", text: "old\n" }],
  });
  return deepFreeze({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [code("a"), { id: "m", cell_type: "markdown", metadata: {}, source: "" }, code("b")],
  });
}

function run(state: OutputState, cellId: string, events: Event[]): OutputState {
  return events.reduce(
    (current, event) => applyKernelEvent(current, cellId, { ...event, id: "x1" } as KernelEvent),
    state,
  );
}

const outputsOf = (state: OutputState, id: string) =>
  (state.notebook.cells.find((c) => c.id === id) as CodeCell).outputs;
const countOf = (state: OutputState, id: string) =>
  (state.notebook.cells.find((c) => c.id === id) as CodeCell).execution_count;
const display = (text: string, displayId: string | null = null): Event => ({
  type: "display",
  data: { "text/plain": text },
  metadata: {},
  display_id: displayId,
});

describe("applyKernelEvent", () => {
  it("clears the cell when it starts, records outputs in order and the count when done", () => {
    const start = initialOutputState(notebook());
    const state = run(start, "a", [
      { type: "status", state: "busy" },
      { type: "stream", name: "stdout", text: "hi\n" },
      { type: "result", execution_count: 8, data: { "text/plain": "2" }, metadata: {} },
      {
        type: "error",
        ename: "ValueError",
        evalue: "bad",
        traceback: ["Traceback", "ValueError: bad"],
      },
      { type: "done", status: "error", execution_count: 8 },
    ]);
    expect(outputsOf(state, "a")).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      {
        output_type: "execute_result",
        execution_count: 8,
        data: { "text/plain": "2" },
        metadata: {},
      },
      {
        output_type: "error",
        ename: "ValueError",
        evalue: "bad",
        traceback: ["Traceback", "ValueError: bad"],
      },
    ]);
    expect(countOf(state, "a")).toBe(8);
    // Pure: the first state is untouched, and other cells are the same objects.
    expect(outputsOf(start, "a")).toHaveLength(1);
    expect(state.notebook.cells[2]).toBe(start.notebook.cells[2]);
    expect(validateNotebook(state.notebook)).toEqual({ valid: true });
  });

  it("shows the running cell without a count until done", () => {
    const state = run(initialOutputState(notebook()), "a", [{ type: "status", state: "busy" }]);
    expect(countOf(state, "a")).toBeNull();
    expect(outputsOf(state, "a")).toEqual([]);
  });

  it("merges consecutive stream text of the same stream, raw, like Jupyter", () => {
    const state = run(initialOutputState(notebook()), "a", [
      { type: "status", state: "busy" },
      { type: "stream", name: "stdout", text: "10%\r" },
      { type: "stream", name: "stdout", text: "100%\n" },
      { type: "stream", name: "stderr", text: "warn\n" },
      { type: "stream", name: "stdout", text: "a" },
      { type: "stream", name: "stdout", text: "b\n" },
    ]);
    expect(outputsOf(state, "a")).toEqual([
      { output_type: "stream", name: "stdout", text: "10%\r100%\n" },
      { output_type: "stream", name: "stderr", text: "warn\n" },
      { output_type: "stream", name: "stdout", text: "ab\n" },
    ]);
  });

  it("updates every output with the display id, in any cell, and never saves the id", () => {
    let state = run(initialOutputState(notebook()), "a", [
      { type: "status", state: "busy" },
      display("first", "d1"),
      display("other", "d2"),
      display("plain"),
    ]);
    state = run(state, "b", [{ type: "status", state: "busy" }, display("again", "d1")]);
    state = run(state, "b", [
      {
        type: "update_display",
        data: { "text/plain": "updated" },
        metadata: { m: 1 },
        display_id: "d1",
      },
    ]);
    const texts = (id: string) =>
      outputsOf(state, id).map((o) => "data" in o && o.data["text/plain"]);
    expect(texts("a")).toEqual(["updated", "other", "plain"]);
    expect(texts("b")).toEqual(["updated"]);
    expect(outputsOf(state, "a")[0]).toEqual({
      output_type: "display_data",
      data: { "text/plain": "updated" },
      metadata: { m: 1 },
      transient: { display_id: "d1" },
    });
    expect(outputsOf(state, "a")[2]).not.toHaveProperty("transient");
    expect(serializeNotebook(state.notebook)).not.toContain("transient");
    const unknown = run(state, "a", [
      { type: "update_display", data: { "text/plain": "x" }, metadata: {}, display_id: "nope" },
    ]);
    expect(unknown.notebook).toBe(state.notebook);
  });

  it("clears at once, or with wait=true just before the next output", () => {
    const now = run(initialOutputState(notebook()), "a", [
      { type: "status", state: "busy" },
      display("1"),
      { type: "clear_output", wait: false },
      display("2"),
    ]);
    expect(outputsOf(now, "a").map((o) => "data" in o && o.data["text/plain"])).toEqual(["2"]);

    const waiting = run(initialOutputState(notebook()), "a", [
      { type: "status", state: "busy" },
      display("1"),
      { type: "clear_output", wait: true },
    ]);
    expect(outputsOf(waiting, "a")).toHaveLength(1);
    expect(waiting.clearPending.has("a")).toBe(true);
    const next = run(waiting, "a", [{ type: "stream", name: "stdout", text: "after\n" }]);
    expect(outputsOf(next, "a")).toEqual([
      { output_type: "stream", name: "stdout", text: "after\n" },
    ]);
    expect(next.clearPending.size).toBe(0);
  });

  it("keeps a pending clear through update_display, and drops it when the cell is done", () => {
    const waiting = run(initialOutputState(notebook()), "a", [
      { type: "status", state: "busy" },
      display("1", "d"),
      { type: "clear_output", wait: true },
      { type: "update_display", data: { "text/plain": "u" }, metadata: {}, display_id: "d" },
    ]);
    expect(waiting.clearPending.has("a")).toBe(true);
    expect(outputsOf(waiting, "a")).toHaveLength(1);
    const done = run(waiting, "a", [{ type: "done", status: "ok", execution_count: 3 }]);
    expect(done.clearPending.size).toBe(0);
    expect(outputsOf(done, "a")).toHaveLength(1);
  });

  it("ignores events for a cell that no longer exists, and stdin requests", () => {
    const start = initialOutputState(notebook());
    const state = run(start, "gone", [
      { type: "status", state: "busy" },
      { type: "stream", name: "stdout", text: "x" },
      { type: "clear_output", wait: true },
      { type: "done", status: "ok", execution_count: 1 },
    ]);
    expect(state.notebook).toBe(start.notebook);
    expect(state.clearPending.size).toBe(0);
    expect(run(start, "a", [{ type: "stdin_request", prompt: "?", password: false }])).toBe(start);
    expect(run(start, "m", [{ type: "stream", name: "stdout", text: "x" }]).notebook).toBe(
      start.notebook,
    );
  });
});
