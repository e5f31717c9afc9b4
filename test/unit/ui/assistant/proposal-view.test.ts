import chalk from "chalk";
import { describe, expect, it } from "vitest";
import type { Proposal, ReviewedOperation } from "../../../../src/ai/contract.js";
import { type Cell, parseNotebook } from "../../../../src/notebook/index.js";
import { plainText } from "../../../../src/terminal/sanitize.js";
import {
  type CellMarks,
  layoutProposals,
  marksFor,
  TOP,
} from "../../../../src/ui/assistant/proposal-layout.js";
import type { ReviewItem } from "../../../../src/ui/assistant/review-state.js";
import { roundConflicts } from "../../../../src/ui/assistant/session-host.js";
import { renderCell } from "../../../../src/ui/view/cell-view.js";
import { diffRows, proposedSource } from "../../../../src/ui/view/proposal-rows.js";

const notebook = parseNotebook(
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: ["a", "b", "c"].map((id) => ({
      cell_type: "code",
      id,
      metadata: {},
      source: `print("${id}")\nx = 1`,
      outputs: [],
      execution_count: null,
    })),
  }),
).notebook;

let keys = 0;
function item(op: ReviewedOperation, cellId: string): ReviewItem {
  const proposal: Proposal = { key: `k${keys++}`, op, cellId, seenSource: null, alwaysAsk: false };
  return { proposal, decision: "pending" };
}
const add = (after: string | null, ref: string | null, source: string, id: string) =>
  item({ op: "add_cell", after_cell_id: after, cell_type: "code", source, ref, why: "new" }, id);

function renderMarked(cell: Cell, marks: CellMarks | undefined) {
  const at = {
    focused: true,
    selected: true,
    mode: "command",
    now: 0,
    maxRows: 20,
    language: "python",
  } as const;
  return renderCell({
    cell,
    width: 60,
    ...at,
    run: undefined,
    outcome: undefined,
    editing: undefined,
    outputs: undefined,
    marks,
  });
}

describe("proposals at the cells they touch", () => {
  it("puts new cells after their anchor, chained refs after their ghost, top first and null last", () => {
    const first = add("a", "load", "load()", "n1");
    const chained = add("load", null, "plot()", "n2");
    const top = add("top", null, "import x", "n3");
    const end = add(null, null, "end()", "n4");
    const endToo = add(null, null, "after_end()", "n5");
    const topToo = add("top", null, "import y", "n6");
    const run = item({ op: "exec_cell", cell_id: "n2", why: "see it" }, "n2");
    const edit = item({ op: "edit_cell", cell_id: "b", source: "y", why: "fix" }, "b");
    const layout = layoutProposals([first, chained, top, end, run, edit, endToo, topToo], notebook);
    expect(layout.ghostsAfter.get("a")).toEqual([first, chained]);
    expect(layout.ghostsAfter.get(TOP)).toEqual([topToo, top]);
    expect(layout.ghostsAfter.get("c")).toEqual([end, endToo]);
    expect(layout.onCell.get("n2")).toEqual([run]);
    expect(layout.shownAt.get(run.proposal.key)).toBe("a");
    expect(layout.shownAt.get(edit.proposal.key)).toBe("b");
    expect(marksFor(layout, "b", false, undefined)?.ghostsAfter).toEqual([]);
    expect(marksFor(layout, "a", true, undefined)?.ghostsBefore.map((g) => g.ghost.item)).toEqual([
      topToo,
      top,
    ]);
  });

  it("draws an edit as a line diff with a little context", () => {
    const rows = diffRows("a\nb\nc\nd\ne\nf", "a\nb\nc\nD\ne\nf", 40).map(plainText);
    expect(rows).toEqual(["  ⋯ 1 unchanged line", "  b", "  c", "- d", "+ D", "  e", "  f"]);
  });

  it("shows an edit and a later replace on the same cell as one diff", () => {
    const cell = notebook.cells[0];
    if (!cell) throw new Error("no cell");
    const edit = item({ op: "edit_cell", cell_id: "a", source: "y = 2\nz = 3", why: "" }, "a");
    const replace = item(
      { op: "replace_in_cell", cell_id: "a", old: "z = 3", new: "z = 4", why: "" },
      "a",
    );
    const marks = marksFor(layoutProposals([edit, replace], notebook), "a", true, undefined);
    const text = renderMarked(cell, marks).rows.map(plainText).join("\n");
    expect(text).toContain("+ y = 2");
    expect(text).toContain("+ z = 4");
    expect(text).not.toContain("z = 3");
  });

  it("says where a move puts its cell", () => {
    const cell = notebook.cells[0];
    if (!cell) throw new Error("no cell");
    const label = (after: string | null) => {
      const move = item({ op: "move_cell", cell_id: "a", after_cell_id: after, why: "order" }, "a");
      const marks = marksFor(layoutProposals([move], notebook), "a", true, undefined);
      return renderMarked(cell, marks).rows.map(plainText).join("\n");
    };
    expect(label("c")).toContain("? move after cell c (#3) · order");
    expect(label("top")).toContain("? move at the top · order");
    expect(label(null)).toContain("? move at the end · order");
  });

  it("counts a changed or missing target as a conflict, but not a cell the round makes", () => {
    const seen = (key: string, op: ReviewedOperation, cellId: string, seenSource: string | null) =>
      ({ key, op, cellId, seenSource, alwaysAsk: false }) as Proposal;
    const proposals = [
      seen("same", { op: "exec_cell", cell_id: "a", why: "" }, "a", 'print("a")\nx = 1'),
      seen("changed", { op: "exec_cell", cell_id: "b", why: "" }, "b", "old text"),
      seen("gone", { op: "exec_cell", cell_id: "zz", why: "" }, "zz", "x"),
      add("a", null, "new()", "n1").proposal,
      seen("new", { op: "exec_cell", cell_id: "n1", why: "" }, "n1", null),
    ];
    expect([...roundConflicts(proposals, notebook)].sort()).toEqual(["changed", "gone"]);
  });

  it("replaces text exactly once and literally, or not at all", () => {
    const op = (old: string, replacement: string): ReviewedOperation => ({
      op: "replace_in_cell",
      cell_id: "a",
      old,
      new: replacement,
      why: "",
    });
    expect(proposedSource(op("x", "$&y"), "a x b")).toBe("a $&y b");
    expect(proposedSource(op("x", "y"), "x x")).toBeUndefined();
  });

  it("renders a cell with an edit, a run marker, a deletion and a ghost, following the current one", () => {
    const edit = item(
      { op: "edit_cell", cell_id: "a", source: 'print("A")\nx = 1', why: "louder" },
      "a",
    );
    const run = item({ op: "exec_cell", cell_id: "a", why: "check" }, "a");
    const ghost = add("a", null, "new_cell()", "n1");
    const layout = layoutProposals([edit, run, ghost], notebook);
    const cell = notebook.cells[0];
    if (!cell) throw new Error("no cell");
    const view = renderMarked(cell, marksFor(layout, "a", true, ghost.proposal.key));
    const text = view.rows.map(plainText);
    expect(text[0]).toContain('- print("a")');
    expect(text[0]).toContain("▶ run proposed");
    expect(text[1]).toContain('+ print("A")');
    expect(text.some((row) => row.includes("? edit · louder"))).toBe(true);
    expect(text.some((row) => row.includes("? ▶ run · check"))).toBe(true);
    expect(text[view.focusRow]).toContain("? + proposed · new");
    expect(text[view.focusRow + 1]).toContain("new_cell()");

    const gone = item({ op: "delete_cell", cell_id: "a", why: "unused" }, "a");
    // Struck through (SGR 9) where the terminal takes colour.
    const level = chalk.level;
    chalk.level = 1;
    const struck = renderMarked(
      cell,
      marksFor(layoutProposals([gone], notebook), "a", true, gone.proposal.key),
    );
    chalk.level = level;
    expect(struck.rows[0]).toContain("\u001b[9m");
    expect(plainText(struck.rows[struck.focusRow] ?? "")).toContain("delete · unused");
  });
});
