// Jupyter messages in the worker's terms: an iopub message of a running request as the same
// KernelEvent oprel's worker sends, and an execute_reply's failure as the cell's error.

import type { JsonObject, MimeBundle } from "../../notebook/types.js";
import type { KernelEvent } from "../protocol.js";
import type { ExecuteOptions } from "../types.js";

/** What outputEvent reads of a message: ZeroMQ's and the gateway client's messages both have it. */
export interface OutputMessage {
  header: { msg_type: string };
  content: JsonObject;
}

/** The event for an iopub message of request `id`, or undefined for one that carries no output. */
export function outputEvent(
  message: OutputMessage,
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

/** An execute_request's content, as both kinds of Jupyter kernel send it. */
export function executeRequest(code: string, options: ExecuteOptions): JsonObject {
  return {
    code,
    silent: options.silent ?? false,
    store_history: !(options.silent ?? false),
    user_expressions: {},
    allow_stdin: options.allowStdin ?? false,
    stop_on_error: false,
  };
}

/** The `done` of request `id`, once its execute_reply and every output before it have come. */
export function doneEvent(
  id: string,
  error: ReturnType<typeof replyError>,
  executionCount: number | null,
): KernelEvent {
  return {
    type: "done",
    id,
    status: error ? "error" : "ok",
    execution_count: executionCount,
    ...(error ? { error } : {}),
  };
}

/** Protocol 5 says "aborted"; tslab says "abort". Either way the code did not run. */
export function isAborted(reply: JsonObject): boolean {
  return reply.status === "aborted" || reply.status === "abort";
}

/**
 * The error an execute_reply reports, or undefined when its status is ok. A kernel that names no
 * error (tslab prints its type and runtime errors to stderr) is described by the last line the
 * cell wrote to stderr that is not a stack frame.
 */
export function replyError(
  reply: JsonObject,
  stderr = "",
): { ename: string; evalue: string; traceback: string[] } | undefined {
  if (reply.status === "ok") return undefined;
  if (isAborted(reply))
    return {
      ename: "ExecutionAborted",
      evalue: "The kernel aborted this cell without running it.",
      traceback: [],
    };
  const given = traceback(reply);
  if (reply.ename === undefined && reply.evalue === undefined && given.length === 0)
    return stderrError(stderr);
  return {
    ename: String(reply.ename ?? "Error"),
    evalue: String(reply.evalue ?? ""),
    traceback: given,
  };
}

function stderrError(stderr: string): { ename: string; evalue: string; traceback: string[] } {
  const lines = stderr.split("\n").filter((line) => line.trim() !== "" && !/^\s+at /.test(line));
  const last = (lines.at(-1) ?? "").trim();
  const named = /^([A-Za-z_$][\w$.]*(?:Error|Exception)): (.*)$/.exec(last);
  return named
    ? { ename: named[1] as string, evalue: named[2] as string, traceback: [] }
    : { ename: "Error", evalue: last, traceback: [] };
}

function traceback(content: JsonObject): string[] {
  return Array.isArray(content.traceback) ? content.traceback.map(String) : [];
}
