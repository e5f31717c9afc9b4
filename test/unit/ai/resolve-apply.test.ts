import { describe, expect, it } from "vitest";
import type { Proposal } from "../../../src/ai/contract.js";
import { applyProposals, conflictsOf } from "../../../src/ai/ops/apply.js";
import { resolveCalls } from "../../../src/ai/ops/resolve.js";
import { reachesOutside } from "../../../src/ai/ops/shell-escapes.js";
import type { RawCall } from "../../../src/ai/provider/types.js";
import { cellSource, type Notebook, setSource } from "../../../src/notebook/index.js";
import { codeNotebook } from "../../support/notebooks.js";

let n = 0;
function call(name: string, args: Record<string, unknown> | string): RawCall {
  return {
    id: `c${++n}`,
    name,
    arguments: typeof args === "string" ? args : JSON.stringify(args),
  };
}

const ids = (notebook: Notebook) => notebook.cells.map((cell) => cell.id);
const sources = (notebook: Notebook) => notebook.cells.map(cellSource);

describe("resolveCalls", () => {
  const seen = codeNotebook(["a", "import os"], ["b", "print(x)"]);

  it("resolves refs, anchors and the new cells' ids, and flags what always asks", () => {
    const resolved = resolveCalls(
      [
        call("add_cell", {
          after_cell_id: "a",
          cell_type: "code",
          source: "x = 1",
          ref: "def",
          why: "define x",
        }),
        call("exec_cell", { cell_id: "def", why: "run it" }),
        call("add_cell", {
          after_cell_id: "top",
          cell_type: "code",
          source: "!pip install pandas",
          ref: null,
          why: "w",
        }),
        call("delete_cell", { cell_id: "b", why: "unused" }),
        call("read_cell", { cell_id: "a" }),
      ],
      seen,
      "r1:",
    );
    expect(resolved.invalid).toEqual([]);
    const [add, exec, pip, del] = resolved.proposals;
    expect(add?.cellId).toMatch(/^[0-9a-f]{8}$/);
    expect(exec?.cellId).toBe(add?.cellId);
    expect(exec?.op).toMatchObject({ op: "exec_cell", cell_id: add?.cellId });
    expect([add?.alwaysAsk, exec?.alwaysAsk, pip?.alwaysAsk, del?.alwaysAsk]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(del?.seenSource).toBe("print(x)");
    expect(resolved.reads.map((read) => read.op.cell_id)).toEqual(["a"]);
    expect(resolved.plans.map((plan) => plan.key)).toEqual(
      resolved.plans.map((plan) => `r1:${plan.call.id}`),
    );
  });

  it("sends back, never proposes: bad JSON, bad fields, unknown ids, ambiguous replacements", () => {
    const resolved = resolveCalls(
      [
        call("edit_cell", '{"cell_id": "a", "source": '),
        call("edit_cell", { cell_id: "a", why: "no source" }),
        call("exec_cell", { cell_id: "zzz", why: "w" }),
        call("replace_in_cell", { cell_id: "b", old: "nope", new: "y", why: "w" }),
        call("move_cell", { cell_id: "a", after_cell_id: "a", why: "w" }),
      ],
      seen,
      "",
    );
    expect(resolved.proposals).toEqual([]);
    expect(resolved.invalid.map((entry) => entry.message)).toEqual([
      expect.stringContaining("not valid JSON"),
      expect.stringContaining("source"),
      expect.stringContaining('no cell has the id "zzz"'),
      expect.stringContaining("exactly once"),
      expect.stringContaining("after itself"),
    ]);
  });
});

describe("resolveCalls within one answer", () => {
  it("judges a run and a replacement by the source earlier edits of the answer leave", () => {
    const seen = codeNotebook(["a", "x = 1"]);
    const resolved = resolveCalls(
      [
        call("edit_cell", { cell_id: "a", source: "files = 1\nprint(files)", why: "w" }),
        call("replace_in_cell", { cell_id: "a", old: "files = 1", new: "files = !ls", why: "w" }),
        call("exec_cell", { cell_id: "a", why: "w" }),
      ],
      seen,
      "",
    );
    expect(resolved.invalid).toEqual([]);
    expect(resolved.proposals.map((p) => p.alwaysAsk)).toEqual([false, true, true]);
    expect(resolved.proposals.map((p) => p.seenSource)).toEqual(["x = 1", "x = 1", "x = 1"]);
  });
});

describe("shell escapes", () => {
  it("finds shell escapes, shell cell magics and installs", () => {
    for (const source of ["!ls", "x = 1\n  !rm -rf /", "%%bash\nls", "%pip install x", "f = !ls"])
      expect(reachesOutside(source)).toBe(true);
    for (const source of ["x != 1", "print('!')", "%timeit x", "a = b"])
      expect(reachesOutside(source)).toBe(false);
  });
});

describe("applyProposals", () => {
  function proposals(seen: Notebook, calls: RawCall[]): Proposal[] {
    const resolved = resolveCalls(calls, seen, "");
    expect(resolved.invalid).toEqual([]);
    return resolved.proposals;
  }

  it("applies edits in order through the edit functions and tags the assistant's cells", () => {
    const seen = codeNotebook(["a", "a = 1"], ["b", "print(x)"], ["c", "c = 3"]);
    const accepted = proposals(seen, [
      call("add_cell", {
        after_cell_id: "a",
        cell_type: "code",
        source: "x = 1",
        ref: "n",
        why: "w",
      }),
      call("replace_in_cell", { cell_id: "b", old: "x", new: "x * 2", why: "w" }),
      call("edit_cell", { cell_id: "b", source: "print(x + 1)", why: "second edit, same round" }),
      call("move_cell", { cell_id: "c", after_cell_id: "top", why: "w" }),
      call("delete_cell", { cell_id: "a", why: "w" }),
      call("exec_cell", { cell_id: "n", why: "w" }),
    ]);
    const { notebook, results } = applyProposals(seen, accepted);
    expect(results.map((result) => result.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    const added = accepted[0]?.cellId ?? "";
    expect(ids(notebook)).toEqual(["c", added, "b"]);
    expect(sources(notebook)).toEqual(["c = 3", "x = 1", "print(x + 1)"]);
    expect(notebook.cells[1]?.metadata).toEqual({ oprel: { assistant: true } });
    expect(notebook.cells[2]?.metadata).toEqual({ oprel: { assistant: true } });
    expect(notebook.cells[0]?.metadata).toEqual({});
    expect(sources(seen)).toEqual(["a = 1", "print(x)", "c = 3"]);
  });

  it("makes a changed target a conflict, never an overwrite", () => {
    const seen = codeNotebook(["a", "a = 1"], ["b", "print(x)"]);
    const accepted = proposals(seen, [
      call("edit_cell", { cell_id: "b", source: "print(1)", why: "w" }),
      call("delete_cell", { cell_id: "a", why: "w" }),
    ]);
    const userEdited = setSource(seen, "b", "print(x)  # mine");
    expect(conflictsOf(userEdited, accepted)).toEqual(new Set([accepted[0]?.key]));
    const { notebook, results } = applyProposals(userEdited, accepted);
    expect(results[0]).toMatchObject({ status: "conflict", cellId: "b" });
    expect(results[0]?.reason).toContain("changed after the model saw it");
    expect(results[1]?.status).toBe("ok");
    expect(sources(notebook)).toEqual(["print(x)  # mine"]);
  });

  it("reports a target or anchor that no longer exists as a conflict", () => {
    const seen = codeNotebook(["a", "a = 1"], ["b", "b = 2"]);
    const accepted = proposals(seen, [
      call("add_cell", {
        after_cell_id: "a",
        cell_type: "markdown",
        source: "# t",
        ref: null,
        why: "w",
      }),
      call("exec_cell", { cell_id: "b", why: "w" }),
    ]);
    const gone = codeNotebook(["c", "c = 3"]);
    expect(applyProposals(gone, accepted).results.map((result) => result.status)).toEqual([
      "conflict",
      "conflict",
    ]);
  });
});
