// The review of one round of the assistant's proposals, as a pure reducer: each proposal is
// pending, accepted, rejected or a conflict (its target changed since the model saw it), and a
// cursor walks them. Once none is pending the round is decided and its verdicts go to the loop.

import type { Proposal, Verdict } from "../../ai/contract.js";

export type Decision = "pending" | "accepted" | "rejected" | "conflict";

export interface ReviewItem {
  readonly proposal: Proposal;
  readonly decision: Decision;
}

export interface ReviewState {
  readonly items: readonly ReviewItem[];
  /** Index of the proposal under the review cursor. */
  readonly cursor: number;
}

export type ReviewAction =
  | { type: "accept" }
  | { type: "reject" }
  | { type: "acceptAll" }
  | { type: "rejectAll" }
  /** Auto-run switched on mid-review: what need not ask is accepted. */
  | { type: "acceptUnasked" }
  | { type: "move"; by: number };

export interface ReviewOptions {
  /** Keys of proposals whose target changed since the model saw it: never applied as they are. */
  conflicts?: ReadonlySet<string>;
  /** Auto-run for this session: everything not `alwaysAsk` is accepted without asking. */
  autoRun?: boolean;
}

export function createReview(
  proposals: readonly Proposal[],
  options: ReviewOptions = {},
): ReviewState {
  const items = proposals.map((proposal): ReviewItem => {
    if (options.conflicts?.has(proposal.key)) return { proposal, decision: "conflict" };
    if (options.autoRun && !proposal.alwaysAsk) return { proposal, decision: "accepted" };
    return { proposal, decision: "pending" };
  });
  const firstPending = items.findIndex((item) => item.decision === "pending");
  return { items, cursor: Math.max(0, firstPending) };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case "accept":
    case "reject":
      return decideCurrent(state, action.type === "accept" ? "accepted" : "rejected");
    case "acceptAll":
    case "rejectAll":
      return decideAll(state, action.type === "acceptAll" ? "accepted" : "rejected");
    case "acceptUnasked": {
      const items = state.items.map((item) =>
        item.decision === "pending" && !item.proposal.alwaysAsk
          ? { ...item, decision: "accepted" as const }
          : item,
      );
      const stays = items[state.cursor]?.decision === "pending";
      return { items, cursor: stays ? state.cursor : nextPending(items, state.cursor) };
    }
    case "move": {
      const last = state.items.length - 1;
      const cursor = Math.min(Math.max(state.cursor + action.by, 0), Math.max(0, last));
      return cursor === state.cursor ? state : { ...state, cursor };
    }
  }
}

/** Decides the proposal under the cursor (a conflict stays one) and moves to the next pending. */
function decideCurrent(state: ReviewState, decision: "accepted" | "rejected"): ReviewState {
  const current = state.items[state.cursor];
  if (!current || current.decision === "conflict") return state;
  const items = state.items.slice();
  items[state.cursor] = { ...current, decision };
  return { items, cursor: nextPending(items, state.cursor) };
}

/** Decides every proposal still pending; decided ones keep their decision. */
function decideAll(state: ReviewState, decision: "accepted" | "rejected"): ReviewState {
  if (allDecided(state)) return state;
  const items = state.items.map((item) =>
    item.decision === "pending" ? { ...item, decision } : item,
  );
  return { items, cursor: state.cursor };
}

/** The first pending proposal after `from`, wrapping around; `from` itself when none is left. */
function nextPending(items: readonly ReviewItem[], from: number): number {
  for (let step = 1; step <= items.length; step++) {
    const index = (from + step) % items.length;
    if (items[index]?.decision === "pending") return index;
  }
  return from;
}

export function allDecided(state: ReviewState): boolean {
  return state.items.every((item) => item.decision !== "pending");
}

export function currentItem(state: ReviewState): ReviewItem | undefined {
  return state.items[state.cursor];
}

/**
 * The verdict for each proposal. A conflict goes back as accepted: the loop's apply finds the
 * changed target and reports a conflict to the model instead of overwriting it.
 */
export function verdicts(state: ReviewState): ReadonlyMap<string, Verdict> {
  return new Map(
    state.items.map((item) => [
      item.proposal.key,
      item.decision === "rejected" ? "reject" : "accept",
    ]),
  );
}

/** How many proposals are in each state, for the status line ("2 of 5 decided"). */
export function reviewCounts(state: ReviewState): Record<Decision, number> {
  const counts: Record<Decision, number> = { pending: 0, accepted: 0, rejected: 0, conflict: 0 };
  for (const item of state.items) counts[item.decision] += 1;
  return counts;
}
