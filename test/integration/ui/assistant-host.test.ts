// The assistant's host for an open notebook, with a real worker: runs go through the global queue
// and resolve when the cell is done, an accepted round is one undo step that keeps newer outputs,
// a changed target is a conflict, and Esc (the signal) stops a run and a review at once.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { notebook as notebookText } from "../../../bench/notebooks/generate.js";
import type { Proposal } from "../../../src/ai/contract.js";
import { cellSource, insertCell, parseNotebook, setSource } from "../../../src/notebook/index.js";
import { ExecutionQueue } from "../../../src/queue/index.js";
import { SessionHost } from "../../../src/ui/assistant/session-host.js";
import { NotebookSession } from "../../../src/ui/session/notebook-session.js";

const dir = mkdtempSync(join(tmpdir(), "oprel-assistant-host-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sessions: NotebookSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

function open(...sources: string[]): NotebookSession {
  const { notebook } = parseNotebook(notebookText(sources));
  const queue = new ExecutionQueue();
  const session = new NotebookSession({
    id: "nb",
    path: join(dir, "host.ipynb"),
    notebook,
    disk: undefined,
    queue,
    onChange: () => undefined,
  });
  queue.on("event", (event) => session.handleQueueEvent(event));
  sessions.push(session);
  return session;
}

const sources = (session: NotebookSession) => session.doc.notebook.cells.map(cellSource);

describe("the assistant's host for a notebook session", () => {
  it("runs a cell through the queue as a person's run, and resolves when it is done", async () => {
    const session = open("x = 6 * 7\nprint(x)", "1 / 0");
    const host = new SessionHost(session);
    const signal = new AbortController().signal;
    expect(await host.execute("bench-0", signal)).toEqual({ status: "ok", executionCount: 1 });
    const cell = session.doc.notebook.cells[0];
    expect(JSON.stringify(cell?.cell_type === "code" && cell.outputs)).toContain("42\\n");
    expect(host.context().status("bench-0")).toBe("ok");
    expect(await host.execute("bench-1", signal)).toEqual({ status: "error", executionCount: 2 });
    expect(host.context().status("bench-1")).toBe("error");
    const variables = await host.variables(signal);
    expect(JSON.stringify(variables)).toContain('"x"');
  }, 30_000);

  it("gives the variables, or none, within a few seconds even while a cell runs", async () => {
    const session = open("import time\nprint('started', flush=True)\ntime.sleep(20)");
    const host = new SessionHost(session);
    const signal = new AbortController().signal;
    void host.execute("bench-0", signal);
    await waitFor(() => printed(session, "started"));
    const started = Date.now();
    // However the worker answers while busy, the request is not held up for long.
    await host.variables(signal);
    expect(Date.now() - started).toBeLessThan(6000);
    session.interrupt();
  }, 30_000);

  it("commits a round as one undo step, keeping outputs recorded since the model looked", async () => {
    const session = open("a = 1", "print('b')");
    const host = new SessionHost(session);
    const seen = host.context().notebook;
    // A run records output after the model saw the notebook...
    await host.execute("bench-1", new AbortController().signal);
    // ...and the round, applied to what the model saw, edits the other cell and adds one.
    const next = insertCell(setSource(seen, "bench-0", "a = 2"), 2, {
      cell_type: "code",
      source: "a",
      id: "n1",
    });
    host.commit(next);
    expect(sources(session)).toEqual(["a = 2", "print('b')", "a"]);
    const printed = session.doc.notebook.cells[1];
    expect(printed?.cell_type === "code" && printed.outputs.length).toBe(1);
    session.dispatch({ type: "undo" });
    expect(sources(session)).toEqual(["a = 1", "print('b')"]);
  }, 30_000);

  it("marks a proposal whose cell changed as a conflict, and a review rejects when stopped", async () => {
    const session = open("a = 1");
    const host = new SessionHost(session);
    const edit = (key: string, seenSource: string): Proposal => ({
      key,
      op: { op: "edit_cell", cell_id: "bench-0", source: "a = 3", why: "" },
      cellId: "bench-0",
      seenSource,
      alwaysAsk: false,
    });
    const controller = new AbortController();
    const decided = host.review(
      [edit("same", "a = 1"), edit("changed", "a = 0")],
      controller.signal,
    );
    const review = session.assistant.review;
    expect(review?.items.map((item) => item.decision)).toEqual(["pending", "conflict"]);
    controller.abort();
    await expect(decided).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops the assistant when its notebook closes", async () => {
    const session = open("a = 1");
    const signal = session.assistant.start("anything");
    const edit: Proposal = {
      key: "k",
      op: { op: "delete_cell", cell_id: "bench-0", why: "" },
      cellId: "bench-0",
      seenSource: "a = 1",
      alwaysAsk: true,
    };
    const decided = new SessionHost(session).review([edit], signal);
    expect(session.assistant.phase).toBe("reviewing");
    await session.close();
    await expect(decided).rejects.toMatchObject({ name: "AbortError" });
    expect(signal.aborted).toBe(true);
  });

  it("stops a running cell when the signal aborts", async () => {
    const session = open(
      "import time\nprint('started', flush=True)\nwhile True: time.sleep(0.05)",
      "print('after')",
    );
    const host = new SessionHost(session);
    const controller = new AbortController();
    const running = host.execute("bench-0", controller.signal);
    // Inside the loop (a SIGINT before the code starts is not what this is about).
    await waitFor(() => printed(session, "started"));
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    await waitFor(() => session.runs.get("bench-0") === undefined);
    // The kernel lives on.
    expect(await host.execute("bench-1", new AbortController().signal)).toMatchObject({
      status: "ok",
    });
  }, 30_000);
});

/** The first cell's outputs hold `text` (its source does too, so the cell itself is no proof). */
function printed(session: NotebookSession, text: string): boolean {
  const cell = session.doc.notebook.cells[0];
  return cell?.cell_type === "code" && JSON.stringify(cell.outputs).includes(text);
}

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
