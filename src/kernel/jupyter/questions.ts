// complete_request and inspect_request in the NotebookKernel's terms: positions in and out are
// JavaScript string indices, where the protocol counts code points.

import type { JsonObject, MimeBundle } from "../../notebook/types.js";
import { toCodePoints, toUtf16 } from "../code-points.js";
import type { CompleteReply, InspectReply } from "../protocol.js";

/** Sends a shell request and resolves its reply's content. */
export type Ask = (msgType: string, content: JsonObject) => Promise<JsonObject>;

export async function completeIn(
  ask: Ask,
  code: string,
  cursorPos: number,
): Promise<CompleteReply> {
  const reply = await ask("complete_request", { code, cursor_pos: toCodePoints(code, cursorPos) });
  const start = typeof reply.cursor_start === "number" ? reply.cursor_start : cursorPos;
  const end = typeof reply.cursor_end === "number" ? reply.cursor_end : cursorPos;
  return {
    matches: Array.isArray(reply.matches) ? reply.matches.map(String) : [],
    cursor_start: toUtf16(code, start),
    cursor_end: toUtf16(code, end),
  };
}

export async function inspectIn(
  ask: Ask,
  code: string,
  cursorPos: number,
  detailLevel: 0 | 1,
): Promise<InspectReply> {
  const reply = await ask("inspect_request", {
    code,
    cursor_pos: toCodePoints(code, cursorPos),
    detail_level: detailLevel,
  });
  return { found: reply.found === true, data: (reply.data ?? {}) as MimeBundle };
}
