import { describe, expect, it } from "vitest";
import type { Proposal, ReviewedOperation } from "../../../../src/ai/contract.js";
import {
  allDecided,
  createReview,
  type ReviewAction,
  type ReviewState,
  reviewCounts,
  reviewReducer,
  verdicts,
} from "../../../../src/ui/assistant/review-state.js";

function proposal(key: string, op: Partial<ReviewedOperation> = {}, alwaysAsk = false): Proposal {
  return {
    key,
    op: {
      op: "edit_cell",
      cell_id: key,
      source: `new ${key}`,
      why: `because ${key}`,
      ...op,
    } as ReviewedOperation,
    cellId: key,
    seenSource: `old ${key}`,
    alwaysAsk,
  };
}

const run = (state: ReviewState, ...actions: ReviewAction[]) =>
  actions.reduce(reviewReducer, state);
const decisions = (state: ReviewState) => state.items.map((item) => item.decision);

describe("assistant review reducer", () => {
  it("accepts and rejects one at a time, moving on to the next pending proposal", () => {
    const start = createReview([proposal("a"), proposal("b"), proposal("c")]);
    expect(start.cursor).toBe(0);
    expect(allDecided(start)).toBe(false);
    const one = run(start, { type: "accept" });
    expect(decisions(one)).toEqual(["accepted", "pending", "pending"]);
    expect(one.cursor).toBe(1);
    const two = run(one, { type: "move", by: 1 }, { type: "reject" });
    expect(decisions(two)).toEqual(["accepted", "pending", "rejected"]);
    // The next pending one is found by wrapping around.
    expect(two.cursor).toBe(1);
    const done = run(two, { type: "accept" });
    expect(allDecided(done)).toBe(true);
    expect([...verdicts(done)]).toEqual([
      ["a", "accept"],
      ["b", "accept"],
      ["c", "reject"],
    ]);
  });

  it("accept all and reject all decide only what is still pending", () => {
    const start = run(createReview([proposal("a"), proposal("b"), proposal("c")]), {
      type: "reject",
    });
    expect(decisions(run(start, { type: "acceptAll" }))).toEqual([
      "rejected",
      "accepted",
      "accepted",
    ]);
    expect(decisions(run(start, { type: "rejectAll" }))).toEqual([
      "rejected",
      "rejected",
      "rejected",
    ]);
    const decided = run(start, { type: "acceptAll" });
    expect(run(decided, { type: "rejectAll" })).toBe(decided);
  });

  it("keeps a conflict a conflict: it cannot be accepted, counts as decided, and goes back as accepted for the loop to report", () => {
    const start = createReview([proposal("a"), proposal("b")], { conflicts: new Set(["a"]) });
    // The cursor starts at the first proposal that needs a decision.
    expect(start.cursor).toBe(1);
    const moved = run(start, { type: "move", by: -1 });
    expect(run(moved, { type: "accept" })).toBe(moved);
    expect(run(moved, { type: "reject" })).toBe(moved);
    const done = run(moved, { type: "acceptAll" });
    expect(decisions(done)).toEqual(["conflict", "accepted"]);
    expect(allDecided(done)).toBe(true);
    expect(verdicts(done).get("a")).toBe("accept");
    expect(reviewCounts(done)).toEqual({ pending: 0, accepted: 1, rejected: 0, conflict: 1 });
  });

  it("under auto-run accepts everything except what must always ask", () => {
    const start = createReview(
      [proposal("a"), proposal("b", { op: "delete_cell" }, true), proposal("c")],
      { autoRun: true },
    );
    expect(decisions(start)).toEqual(["accepted", "pending", "accepted"]);
    expect(start.cursor).toBe(1);
    expect(allDecided(createReview([proposal("a")], { autoRun: true }))).toBe(true);
    // Switched on mid-review: the cursor goes to what still asks.
    const mid = run(createReview([proposal("a"), proposal("b", {}, true), proposal("c")]), {
      type: "acceptUnasked",
    });
    expect(decisions(mid)).toEqual(["accepted", "pending", "accepted"]);
    expect(mid.cursor).toBe(1);
  });

  it("keeps the cursor inside the list", () => {
    const start = createReview([proposal("a"), proposal("b")]);
    expect(run(start, { type: "move", by: -1 })).toBe(start);
    expect(run(start, { type: "move", by: 5 }).cursor).toBe(1);
    const empty = createReview([]);
    expect(allDecided(empty)).toBe(true);
    expect(run(empty, { type: "move", by: 1 }, { type: "accept" })).toBe(empty);
  });
});
