// Where each proposal of a round is drawn: at the existing cell it touches, or, for a new cell, as
// a ghost after the cell it will follow (a ghost after a ghost when it follows a `ref`). Built only
// while proposals are on screen; a cell looks its marks up by id.

import { placeText } from "../../ai/ops/place.js";
import type { Notebook } from "../../notebook/index.js";
import type { ReviewItem } from "./review-state.js";

/** The anchor of ghosts shown before the first cell. */
export const TOP = "\u0000top";

export interface ProposalLayout {
  /** Proposals acting on a cell (existing, or a ghost's new id), by cell id. */
  readonly onCell: ReadonlyMap<string, readonly ReviewItem[]>;
  /** add_cell proposals drawn after a cell (or before the first one, under TOP), in order. */
  readonly ghostsAfter: ReadonlyMap<string, readonly ReviewItem[]>;
  /** The existing cell whose rows show this proposal (TOP for ghosts above the first cell). */
  readonly shownAt: ReadonlyMap<string, string>;
  /** Words a proposal's label adds, by proposal key: where a move puts its cell. */
  readonly detail: ReadonlyMap<string, string>;
}

export function layoutProposals(items: readonly ReviewItem[], notebook: Notebook): ProposalLayout {
  const onCell = new Map<string, ReviewItem[]>();
  const ghostsAfter = new Map<string, ReviewItem[]>();
  const shownAt = new Map<string, string>();
  const detail = new Map<string, string>();
  if (items.length === 0) return { onCell, ghostsAfter, shownAt, detail };
  const exists = new Set(notebook.cells.map((cell) => cell.id));
  const lastId = notebook.cells[notebook.cells.length - 1]?.id ?? TOP;
  /** A new cell's ref (and its id) to the ghost that makes it. */
  const ghostOf = new Map<string, ReviewItem>();

  for (const item of items) {
    const { op, cellId, key } = item.proposal;
    if (op.op === "move_cell") detail.set(key, placeText(notebook, op.after_cell_id));
    if (op.op !== "add_cell") {
      push(onCell, cellId, item);
      shownAt.set(
        key,
        exists.has(cellId)
          ? cellId
          : (shownAt.get(ghostOf.get(cellId)?.proposal.key ?? "") ?? lastId),
      );
      continue;
    }
    const after = op.after_cell_id;
    const chained = after === null ? undefined : ghostOf.get(after);
    let anchor: string;
    if (chained) anchor = shownAt.get(chained.proposal.key) ?? lastId;
    else if (after === "top") anchor = TOP;
    else if (after !== null && exists.has(after)) anchor = after;
    else anchor = lastId;
    const list = ghostsAfter.get(anchor) ?? [];
    // As the edit applies it: a cell put "after X" (or at the top) comes right after X, before X's
    // earlier followers; a cell put at the end comes after everything.
    const atEnd = anchor === lastId && !chained && after !== lastId;
    const at = chained ? list.indexOf(chained) + 1 : atEnd ? list.length : 0;
    list.splice(at, 0, item);
    ghostsAfter.set(anchor, list);
    shownAt.set(key, anchor);
    ghostOf.set(cellId, item);
    if (op.ref) ghostOf.set(op.ref, item);
  }
  return { onCell, ghostsAfter, shownAt, detail };
}

/** A proposal with whether it is the one under the review cursor. */
export interface MarkedItem {
  item: ReviewItem;
  current: boolean;
  /** Words the label adds after what the proposal does (where a move goes). */
  detail?: string;
}

/** A proposed new cell, and the proposals on it (a run of it). */
export interface GhostMark {
  ghost: MarkedItem;
  marks: readonly MarkedItem[];
}

/** What one existing cell draws of a round's proposals. */
export interface CellMarks {
  on: readonly MarkedItem[];
  ghostsBefore: readonly GhostMark[];
  ghostsAfter: readonly GhostMark[];
}

/** The marks of one cell, or undefined when no proposal is drawn at it. */
export function marksFor(
  layout: ProposalLayout,
  cellId: string,
  first: boolean,
  currentKey: string | undefined,
): CellMarks | undefined {
  const mark = (item: ReviewItem): MarkedItem => ({
    item,
    current: item.proposal.key === currentKey,
    detail: layout.detail.get(item.proposal.key),
  });
  const ghost = (item: ReviewItem): GhostMark => ({
    ghost: mark(item),
    marks: (layout.onCell.get(item.proposal.cellId) ?? []).map(mark),
  });
  const on = (layout.onCell.get(cellId) ?? []).map(mark);
  const ghostsBefore = first ? (layout.ghostsAfter.get(TOP) ?? []).map(ghost) : [];
  const ghostsAfter = (layout.ghostsAfter.get(cellId) ?? []).map(ghost);
  if (on.length + ghostsBefore.length + ghostsAfter.length === 0) return undefined;
  return { on, ghostsBefore, ghostsAfter };
}

function push(map: Map<string, ReviewItem[]>, key: string, item: ReviewItem): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
