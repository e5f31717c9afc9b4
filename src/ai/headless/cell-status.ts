// A cell's status for the model when no UI tracks it: what ran in this session, else what the
// file says (an error output, an execution count from an earlier kernel: stale).

import type { Cell } from "../../notebook/index.js";
import type { CellRunStatus } from "../contract.js";

export function fileStatus(cell: Cell | undefined): CellRunStatus {
  if (cell?.cell_type !== "code") return "ok";
  if (cell.outputs.some((output) => output.output_type === "error")) return "error";
  return cell.execution_count === null ? "never-run" : "stale";
}
