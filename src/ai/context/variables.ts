// The kernel's variables, one line each: name, type, shape or length, a short preview; DataFrames
// with their columns and dtypes.

import type { NamespaceReply, VariableSummary } from "../../kernel/index.js";
import { plainText } from "../../terminal/sanitize.js";

const MAX_VARIABLES = 60;
const MAX_COLUMNS = 30;

function variableLine(variable: VariableSummary): string {
  const parts = [`${variable.name}: ${variable.type}`];
  if (variable.shape) parts.push(`shape ${variable.shape.join("x")}`);
  else if (variable.length !== undefined) parts.push(`len ${variable.length}`);
  if (variable.columns?.length) {
    const shown = variable.columns.slice(0, MAX_COLUMNS).map((c) => `${c.name} ${c.dtype}`);
    const more = variable.columns.length > MAX_COLUMNS ? ", ..." : "";
    parts.push(`columns ${shown.join(", ")}${more}`);
  }
  if (variable.preview) parts.push(`= ${variable.preview.replace(/\s+/g, " ").slice(0, 80)}`);
  return plainText(`- ${parts.join("; ")}`);
}

/** `reply` may be the host's sentence for a kernel that cannot list its variables. */
export function variablesText(reply: NamespaceReply | string | null): string {
  if (!reply) return "No kernel is running: there are no variables yet.";
  if (typeof reply === "string") return plainText(reply);
  if (reply.variables.length === 0) return "The kernel has no user variables.";
  const lines = reply.variables.slice(0, MAX_VARIABLES).map(variableLine);
  const more = reply.variables.length - MAX_VARIABLES;
  if (more > 0) lines.push(`- ... and ${more} more`);
  return lines.join("\n");
}

/** What the model is told when the notebook's kernel is a Jupyter kernel, named e.g. "R · ir". */
export function unlistedVariables(kernel: string): string {
  return `The notebook runs in a Jupyter kernel (${kernel}), which oprel cannot ask for its variables: to learn them, propose running a cell that prints what you need.`;
}
