// Cell ids (nbformat 4.5): 1 to 64 letters, digits, "-" or "_", unique within a notebook.
// New ids are 8 random hex characters, like the ids Jupyter generates.

import { randomBytes } from "node:crypto";

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function isValidCellId(id: unknown): id is string {
  return typeof id === "string" && CELL_ID.test(id);
}

/** A fresh id not in `taken`. */
export function randomCellId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const id = randomBytes(4).toString("hex");
    if (!taken.has(id)) return id;
  }
}
