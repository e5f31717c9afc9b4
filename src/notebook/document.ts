// A notebook edited in place, for work that touches one cell at a time at any scale: a long run
// recording outputs, the terminal UI on every keystroke. An id index finds a cell without a scan,
// and an edit replaces that one cell object, never the whole array. Cells themselves stay immutable
// values (an edit makes a new cell object), so a view can tell a changed cell by its identity. The
// plain Notebook value is made on demand by snapshot(), and reused until the next change.

import { withFields } from "./edit/content.js";
import type { Cell, JsonObject, Notebook } from "./types.js";

export class NotebookDocument {
  private cells: Cell[];
  private positions: Map<string, number> | undefined;
  /** The notebook's fields other than its cells, as last set. */
  private base: Notebook;
  private current: Notebook | undefined;
  /** Goes up with every change: a cheap way for a view to see that something changed. */
  version = 0;

  constructor(notebook: Notebook) {
    this.base = notebook;
    this.current = notebook;
    this.cells = notebook.cells.slice();
  }

  get length(): number {
    return this.cells.length;
  }

  get metadata(): JsonObject {
    return this.base.metadata;
  }

  at(index: number): Cell | undefined {
    return this.cells[index];
  }

  /** The position of the cell with this id, or -1. */
  indexOf(id: string): number {
    if (!this.positions) {
      const positions = new Map<string, number>();
      // Backwards, so that with a duplicated id the first cell wins, as a search would find it.
      for (let i = this.cells.length - 1; i >= 0; i--) positions.set((this.cells[i] as Cell).id, i);
      this.positions = positions;
    }
    return this.positions.get(id) ?? -1;
  }

  get(id: string): Cell | undefined {
    const index = this.indexOf(id);
    return index === -1 ? undefined : this.cells[index];
  }

  /**
   * Replaces the cell with this id by `change(cell)`, which must return a new object (or the same
   * one, for no change) with the same id. False when no cell has the id.
   */
  update(id: string, change: (cell: Cell) => Cell): boolean {
    const index = this.indexOf(id);
    const cell = this.cells[index];
    if (index === -1 || !cell) return false;
    const next = change(cell);
    if (next === cell) return true;
    if (next.id !== id) throw new Error("NotebookDocument.update must keep the cell's id");
    this.cells[index] = next;
    this.changed();
    return true;
  }

  setMetadata(metadata: JsonObject): void {
    this.base = withFields(this.base, { metadata });
    this.changed();
  }

  /** Takes a whole new notebook, as an edit of the snapshot (insert, delete, move) gives it. */
  replace(notebook: Notebook): void {
    this.base = notebook;
    this.cells = notebook.cells.slice();
    this.positions = undefined;
    this.changed();
    this.current = notebook;
  }

  /** The notebook as a plain value; the same object until the next change. */
  snapshot(): Notebook {
    this.current ??= withFields(this.base, { cells: this.cells.slice() });
    return this.current;
  }

  private changed(): void {
    this.current = undefined;
    this.version += 1;
  }
}
