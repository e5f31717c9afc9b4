// What the model is told when the endpoint takes no tools: the same operations, as JSON.

import type { ReplyMode } from "./types.js";

const SHAPE = `{"message": "short text for the user", "ops": [{"op": "add_cell", "after_cell_id": "ID" | "top" | null, "cell_type": "code" | "markdown", "source": "...", "ref": "NAME" | null, "why": "..."}]}

Other ops, every field present:
{"op": "edit_cell", "cell_id": "ID", "source": "whole new source", "why": "..."}
{"op": "replace_in_cell", "cell_id": "ID", "old": "exact text, once", "new": "...", "why": "..."}
{"op": "delete_cell", "cell_id": "ID", "why": "..."}
{"op": "move_cell", "cell_id": "ID", "after_cell_id": "ID" | "top" | null, "why": "..."}
{"op": "exec_cell", "cell_id": "ID or ref", "why": "..."}
{"op": "read_cell", "cell_id": "ID"}
Use "ops": [] when you only answer.`;

export function fallbackInstructions(mode: Exclude<ReplyMode, "tools"> | ReplyMode): string {
  if (mode === "json") return `Reply with one JSON object only, shaped like this:\n${SHAPE}`;
  return `Reply with a short message, then one fenced block \`\`\`json ... \`\`\` holding an object shaped like this:\n${SHAPE}`;
}
