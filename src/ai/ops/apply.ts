// Accepted proposals applied to the notebook as it is now, through the notebook edit functions.
// Pure: returns the new notebook and one result per proposal. A target whose source is not what
// the model saw (and not what an earlier proposal of this round made it) is a conflict, never
// overwritten. Cells the assistant made or edited are tagged in metadata.oprel.assistant.

import { isOprelError } from "../../errors.js";
import {
  cellSource,
  deleteCell,
  findCell,
  findCellIndex,
  insertCell,
  type JsonObject,
  moveCell,
  type Notebook,
  setCellMetadata,
  setSource,
} from "../../notebook/index.js";
import type { OpResult, Proposal } from "../contract.js";

export interface Applied {
  notebook: Notebook;
  /** One per accepted proposal, in order; exec_cell is "ok" when it may run now. */
  results: OpResult[];
}

class Conflict extends Error {}

function tagged(notebook: Notebook, id: string): Notebook {
  const cell = findCell(notebook, id);
  if (!cell) return notebook;
  const oprel = cell.metadata.oprel;
  const own = typeof oprel === "object" && oprel !== null && !Array.isArray(oprel) ? oprel : {};
  const metadata: JsonObject = { ...cell.metadata, oprel: { ...own, assistant: true } };
  return setCellMetadata(notebook, id, metadata);
}

/** The final index for "after `anchor`" once the moving cell is taken out. */
function moveTarget(notebook: Notebook, id: string, anchor: string | null): number {
  const last = notebook.cells.length - 1;
  if (anchor === null) return last;
  if (anchor === "top") return 0;
  const from = findCellIndex(notebook, id);
  const at = findCellIndex(notebook, anchor);
  if (at === -1) throw new Conflict(`cell ${anchor} no longer exists`);
  return from < at ? at : at + 1;
}

function anchorPosition(notebook: Notebook, anchor: string | null): number | { after: string } {
  if (anchor === null) return notebook.cells.length;
  if (anchor === "top") return 0;
  if (findCellIndex(notebook, anchor) === -1) throw new Conflict(`cell ${anchor} no longer exists`);
  return { after: anchor };
}

function applyOne(notebook: Notebook, proposal: Proposal): Notebook {
  const { op } = proposal;
  switch (op.op) {
    case "add_cell": {
      const at = anchorPosition(notebook, op.after_cell_id);
      const cell = { id: proposal.cellId, cell_type: op.cell_type, source: op.source };
      return tagged(insertCell(notebook, at, cell), proposal.cellId);
    }
    case "edit_cell":
      return tagged(setSource(notebook, op.cell_id, op.source), op.cell_id);
    case "replace_in_cell": {
      const cell = findCell(notebook, op.cell_id);
      const source = cell ? cellSource(cell) : "";
      if (source.split(op.old).length !== 2) {
        throw new Conflict(
          `the text to replace no longer occurs exactly once in cell ${op.cell_id}`,
        );
      }
      return tagged(
        setSource(
          notebook,
          op.cell_id,
          source.replace(op.old, () => op.new),
        ),
        op.cell_id,
      );
    }
    case "delete_cell":
      return deleteCell(notebook, op.cell_id);
    case "move_cell":
      return moveCell(notebook, op.cell_id, moveTarget(notebook, op.cell_id, op.after_cell_id));
    case "exec_cell":
      return notebook;
  }
}

/** Why the proposal's target is not as the model saw it, or null when it may be applied. */
export function conflictOf(
  notebook: Notebook,
  proposal: Proposal,
  ownEdits: ReadonlyMap<string, string> = new Map(),
): string | null {
  if (proposal.op.op === "add_cell") return null;
  const cell = findCell(notebook, proposal.cellId);
  if (!cell) return `cell ${proposal.cellId} no longer exists`;
  if (proposal.seenSource === null) return null;
  const current = cellSource(cell);
  if (current === proposal.seenSource || current === ownEdits.get(proposal.cellId)) return null;
  return `cell ${proposal.cellId} changed after the model saw it`;
}

/** Keys of the proposals that would conflict if applied now (for the review's display). */
export function conflictsOf(notebook: Notebook, proposals: readonly Proposal[]): Set<string> {
  return new Set(
    proposals.filter((proposal) => conflictOf(notebook, proposal) !== null).map((p) => p.key),
  );
}

export function applyProposals(notebook: Notebook, accepted: readonly Proposal[]): Applied {
  let current = notebook;
  const ownEdits = new Map<string, string>();
  const results: OpResult[] = [];
  for (const proposal of accepted) {
    const base = { key: proposal.key, cellId: proposal.cellId };
    const conflict = conflictOf(current, proposal, ownEdits);
    if (conflict) {
      results.push({ ...base, status: "conflict", reason: `${conflict}; not applied.` });
      continue;
    }
    try {
      current = applyOne(current, proposal);
      const cell = findCell(current, proposal.cellId);
      if (cell) ownEdits.set(proposal.cellId, cellSource(cell));
      results.push({ ...base, status: "ok" });
    } catch (error) {
      if (error instanceof Conflict) {
        results.push({ ...base, status: "conflict", reason: `${error.message}; not applied.` });
      } else if (isOprelError(error)) {
        results.push({ ...base, status: "error", reason: error.message });
      } else throw error;
    }
  }
  return { notebook: current, results };
}
