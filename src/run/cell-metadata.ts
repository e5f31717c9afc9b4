// Per-cell execution metadata, in papermill's shape (metadata.papermill: status, exception,
// start_time, end_time, duration) plus nbclient's timing record (metadata.execution).
// With --no-timing the times are null and metadata.execution is left out, for clean diffs.

import { copyObject, withFields } from "../notebook/index.js";
import type { JsonObject, JsonValue } from "../notebook/types.js";

export type PapermillStatus = "pending" | "running" | "completed" | "failed";

export interface CellTiming {
  /** Wall-clock milliseconds since the epoch. */
  start?: number;
  end?: number;
}

function iso(ms: number | undefined): JsonValue {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** The cell's metadata with its execution record replaced. */
export function withExecutionRecord(
  metadata: JsonObject,
  status: PapermillStatus,
  exception: boolean | null,
  timing: CellTiming | undefined,
): JsonObject {
  const start = timing?.start;
  const end = timing?.end;
  const papermill: JsonObject = {
    // Seconds to the microsecond, as papermill writes them.
    duration:
      start !== undefined && end !== undefined ? Math.round((end - start) * 1000) / 1e6 : null,
    end_time: iso(end),
    exception,
    start_time: iso(start),
    status,
  };
  // The other keys keep their numbers as written (1.0, huge integers): no spread copy.
  const next = withFields(copyObject(metadata, ["execution"]), { papermill });
  if (timing && start !== undefined) {
    const execution: JsonObject = {
      "iopub.execute_input": iso(start),
      "iopub.status.busy": iso(start),
    };
    if (end !== undefined) {
      execution["iopub.status.idle"] = iso(end);
      execution["shell.execute_reply"] = iso(end);
    }
    next.execution = execution;
  }
  return next;
}
