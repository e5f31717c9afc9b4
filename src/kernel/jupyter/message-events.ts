// Jupyter messages in the worker's terms: an iopub message of a running request as the same
// KernelEvent oprel's worker sends, and an execute_reply's failure as the cell's error.

import type { JsonObject, MimeBundle } from "../../notebook/types.js";
import type { KernelEvent } from "../protocol.js";
import type { JupyterMessage } from "./wire.js";

/** The event for an iopub message of request `id`, or undefined for one that carries no output. */
export function outputEvent(
  message: JupyterMessage,
  id: string,
  executionCount: number | null,
): KernelEvent | undefined {
  const c = message.content;
  const data = (c.data ?? {}) as MimeBundle;
  const metadata = (c.metadata ?? {}) as JsonObject;
  const displayId = ((c.transient ?? {}) as JsonObject).display_id;
  switch (message.header.msg_type) {
    case "status":
      return c.execution_state === "busy" ? { type: "status", id, state: "busy" } : undefined;
    case "stream":
      return {
        type: "stream",
        id,
        name: c.name === "stderr" ? "stderr" : "stdout",
        text: String(c.text ?? ""),
      };
    case "display_data":
      return {
        type: "display",
        id,
        data,
        metadata,
        display_id: typeof displayId === "string" ? displayId : null,
      };
    case "update_display_data":
      return typeof displayId === "string"
        ? { type: "update_display", id, data, metadata, display_id: displayId }
        : undefined;
    case "clear_output":
      return { type: "clear_output", id, wait: c.wait === true };
    case "execute_result":
      return {
        type: "result",
        id,
        execution_count:
          typeof c.execution_count === "number" ? c.execution_count : (executionCount ?? 0),
        data,
        metadata,
      };
    case "error":
      return {
        type: "error",
        id,
        ename: String(c.ename ?? "Error"),
        evalue: String(c.evalue ?? ""),
        traceback: traceback(c),
      };
    default:
      return undefined;
  }
}

/** The error an execute_reply reports, or undefined when its status is ok. */
export function replyError(
  reply: JsonObject,
): { ename: string; evalue: string; traceback: string[] } | undefined {
  if (reply.status === "ok") return undefined;
  return {
    ename: String(reply.ename ?? (reply.status === "aborted" ? "ExecutionAborted" : "Error")),
    evalue: String(reply.evalue ?? ""),
    traceback: traceback(reply),
  };
}

function traceback(content: JsonObject): string[] {
  return Array.isArray(content.traceback) ? content.traceback.map(String) : [];
}
