// Building cells of a given type, with exactly the fields nbformat 4.5 allows for that type.

import { OprelError } from "../../errors.js";
import type { Cell, CellType, JsonObject } from "../types.js";

export interface CellContent {
  id: string;
  source: string;
  metadata: JsonObject;
  attachments?: JsonObject;
}

export const CELL_TYPES: readonly CellType[] = ["code", "markdown", "raw"];

export function makeCell(type: CellType, content: CellContent): Cell {
  const { id, source, metadata, attachments } = content;
  if (type === "code")
    return { id, cell_type: "code", metadata, source, execution_count: null, outputs: [] };
  return attachments === undefined
    ? { id, cell_type: type, metadata, source }
    : { id, cell_type: type, metadata, source, attachments };
}

export function checkCellType(type: unknown): asserts type is CellType {
  if (!CELL_TYPES.includes(type as CellType)) {
    throw new OprelError(
      "EDIT_INVALID",
      `'${String(type)}' is not a cell type`,
      "Use one of code, markdown, raw.",
    );
  }
}
