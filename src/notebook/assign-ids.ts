// Gives every cell a valid, unique id (nbformat 4.5), keeping the ids that already are.
// The first cell to use an id keeps it, as nbformat does when it repairs duplicates.

import { isObject } from "./disk-form.js";
import { isValidCellId, randomCellId } from "./ids.js";

export interface IdRepairs {
  /** How many cells had no id at all. */
  added: number;
  /** Human-readable notes about invalid or duplicate ids that were replaced. */
  replaced: string[];
}

export function assignCellIds(cells: readonly unknown[]): IdRepairs {
  const taken = new Set<string>();
  for (const cell of cells) {
    if (isObject(cell) && isValidCellId(cell.id)) taken.add(cell.id);
  }
  const kept = new Set<string>();
  const repairs: IdRepairs = { added: 0, replaced: [] };
  cells.forEach((cell, index) => {
    if (!isObject(cell)) return;
    const id = cell.id;
    if (isValidCellId(id) && !kept.has(id)) {
      kept.add(id);
      return;
    }
    const fresh = randomCellId(taken);
    taken.add(fresh);
    kept.add(fresh);
    cell.id = fresh;
    if (id === undefined) {
      repairs.added++;
    } else if (isValidCellId(id)) {
      repairs.replaced.push(
        `cell ${index + 1} repeated the id '${id}' of an earlier cell; it is now '${fresh}'`,
      );
    } else {
      repairs.replaced.push(
        `cell ${index + 1} had an invalid id ${describeId(id)}; it is now '${fresh}'`,
      );
    }
  });
  return repairs;
}

function describeId(id: unknown): string {
  if (typeof id !== "string")
    return `(${id === null ? "null" : Array.isArray(id) ? "a list" : typeof id})`;
  return id.length > 70 ? `'${id.slice(0, 67)}...'` : `'${id}'`;
}
