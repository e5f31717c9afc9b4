// The rows of the key help: every binding of every mode, and whether this terminal can send it.

import { padEndColumns } from "../../terminal/width.js";
import type { BindingRow } from "../keys/keymap.js";
import { style } from "./style.js";

const MODE_TITLES: Record<string, string> = {
  command: "Command mode",
  edit: "Edit mode",
  pager: "Pager and help",
  prompt: "Prompts",
  assistant: "Assistant (while it answers, and its proposals)",
  registry: "Shared registry panel",
};

export function helpLines(rows: readonly BindingRow[]): string[] {
  const lines: string[] = [];
  let mode = "";
  for (const row of rows) {
    if (row.mode !== mode) {
      mode = row.mode;
      if (lines.length > 0) lines.push("");
      lines.push(style.bold(MODE_TITLES[mode] ?? mode));
    }
    const mark = row.deliverable ? " " : style.error("✗");
    const keys = padEndColumns(row.keys, 22);
    lines.push(
      `${mark} ${style.accent(keys)} ${row.description}${row.deliverable ? "" : style.dim(` (needs ${row.needs})`)}`,
    );
  }
  return lines;
}
