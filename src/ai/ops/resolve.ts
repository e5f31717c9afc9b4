// One reply's calls, checked against the notebook the model saw: arguments parsed leniently and
// validated strictly, refs and anchors resolved to cell ids, each edit turned into a Proposal.
// Anything wrong goes back to the model as an error and is never applied.

import { randomCellId } from "../../notebook/ids.js";
import { cellSource, findCell, type Notebook } from "../../notebook/index.js";
import type { Proposal, ReadCellOp, ReviewedOperation } from "../contract.js";
import type { RawCall } from "../provider/types.js";
import { readJson } from "./lenient-json.js";
import { validateOp } from "./schema.js";
import { reachesOutside } from "./shell-escapes.js";

export interface CallPlan {
  call: RawCall;
  /** The proposal's key, unique within the request. */
  key: string;
}
export interface Resolved {
  proposals: Proposal[];
  reads: Array<CallPlan & { op: ReadCellOp }>;
  invalid: Array<CallPlan & { message: string }>;
  /** Every call's key in the model's order, for sending results back. */
  plans: CallPlan[];
}

class Resolver {
  /** Cells the answer creates: ref or id to the new cell's id and source. */
  private readonly made = new Map<string, { id: string; source: string }>();
  /** Sources as earlier edits of this answer leave them, by cell id. */
  private readonly edited = new Map<string, string>();
  /** Ids of the seen notebook and of cells this answer makes. */
  private readonly taken: Set<string>;

  constructor(private readonly seen: Notebook) {
    this.taken = new Set(seen.cells.map((cell) => cell.id));
  }

  /** An existing id, a ref or id of a cell made earlier in this answer; throws a message. */
  cell(id: string): { id: string; source: string | null; current: string } {
    const made = this.made.get(id);
    if (made)
      return { id: made.id, source: null, current: this.edited.get(made.id) ?? made.source };
    const cell = findCell(this.seen, id);
    if (!cell)
      throw new Error(
        `no cell has the id "${id}" (use an id from the notebook, or a ref made earlier in this answer)`,
      );
    const source = cellSource(cell);
    return { id: cell.id, source, current: this.edited.get(cell.id) ?? source };
  }

  /** What the cell will hold once this answer's earlier edits are applied. */
  noteEdit(id: string, source: string): void {
    this.edited.set(id, source);
  }

  anchor(anchor: string | null): string | null {
    if (anchor === null || anchor === "top") return anchor;
    return this.cell(anchor).id;
  }

  newCell(ref: string | null, source: string): string {
    const id = randomCellId(this.taken);
    this.taken.add(id);
    const entry = { id, source };
    this.made.set(id, entry);
    if (ref !== null) {
      if (this.made.has(ref) || findCell(this.seen, ref))
        throw new Error(`the ref "${ref}" is already used`);
      this.made.set(ref, entry);
    }
    return id;
  }
}

function resolveOne(op: ReviewedOperation, resolver: Resolver): Omit<Proposal, "key"> {
  switch (op.op) {
    case "add_cell": {
      const after = resolver.anchor(op.after_cell_id);
      const cellId = resolver.newCell(op.ref, op.source);
      return {
        op: { ...op, after_cell_id: after },
        cellId,
        seenSource: null,
        alwaysAsk: reachesOutside(op.source),
      };
    }
    case "edit_cell":
    case "delete_cell":
    case "exec_cell": {
      const target = resolver.cell(op.cell_id);
      const runs = op.op === "edit_cell" ? op.source : target.current;
      if (op.op === "edit_cell") resolver.noteEdit(target.id, op.source);
      return {
        op: { ...op, cell_id: target.id },
        cellId: target.id,
        seenSource: target.source,
        alwaysAsk: op.op === "delete_cell" || reachesOutside(runs),
      };
    }
    case "replace_in_cell": {
      const target = resolver.cell(op.cell_id);
      const count = target.current.split(op.old).length - 1;
      if (op.old === "" || count !== 1) {
        throw new Error(
          `"old" must occur exactly once in cell ${target.id}; it occurs ${count} times`,
        );
      }
      const after = target.current.replace(op.old, () => op.new);
      resolver.noteEdit(target.id, after);
      return {
        op: { ...op, cell_id: target.id },
        cellId: target.id,
        seenSource: target.source,
        alwaysAsk: reachesOutside(after),
      };
    }
    case "move_cell": {
      const target = resolver.cell(op.cell_id);
      const after = resolver.anchor(op.after_cell_id);
      if (after === target.id) throw new Error("a cell cannot move after itself");
      return {
        op: { ...op, cell_id: target.id, after_cell_id: after },
        cellId: target.id,
        seenSource: target.source,
        alwaysAsk: false,
      };
    }
  }
}

export function resolveCalls(
  calls: readonly RawCall[],
  seen: Notebook,
  keyPrefix: string,
): Resolved {
  const resolver = new Resolver(seen);
  const resolved: Resolved = { proposals: [], reads: [], invalid: [], plans: [] };
  for (const call of calls) {
    const plan = { call, key: `${keyPrefix}${call.id}` };
    resolved.plans.push(plan);
    const args = readJson(call.arguments);
    if (!args.ok) {
      resolved.invalid.push({
        ...plan,
        message: `${call.name || "the operation"} arguments are ${args.message}.`,
      });
      continue;
    }
    const valid = validateOp(call.name, args.value);
    if (!valid.ok) {
      resolved.invalid.push({ ...plan, message: valid.message });
      continue;
    }
    const op = valid.op;
    if (op.op === "read_cell") {
      resolved.reads.push({ ...plan, op });
      continue;
    }
    try {
      resolved.proposals.push({ key: plan.key, ...resolveOne(op, resolver) });
    } catch (error) {
      resolved.invalid.push({ ...plan, message: `${op.op}: ${(error as Error).message}.` });
    }
  }
  return resolved;
}
