// The editor.* command ids of the key registry, as buffer actions. editor.tab, editor.inspect
// and editor.split need the app (the kernel, the notebook), so they map to no action here:
// the app checks tabIntent() and dispatches {type: "tab"} itself when it means indentation.

import type { AutoIndent } from "./indent.js";
import type { Motion, TextBufferAction } from "./text-buffer.js";

export interface CommandOptions {
  /** Rows that page up/down move: the editor's visible height. */
  pageRows?: number;
  /** How Enter indents: "python" for code cells, "keep" for markdown and raw. */
  autoIndent?: AutoIndent;
  /** The columns the editor wraps at, when known: Up and Down then move by visual rows. */
  wrap?: number;
}

const MOTIONS: Readonly<Record<string, Motion>> = {
  "editor.left": "left",
  "editor.right": "right",
  "editor.up": "up",
  "editor.down": "down",
  "editor.wordLeft": "wordLeft",
  "editor.wordRight": "wordRight",
  "editor.home": "home",
  "editor.end": "end",
  "editor.docStart": "docStart",
  "editor.docEnd": "docEnd",
  "editor.pageUp": "pageUp",
  "editor.pageDown": "pageDown",
};

const SELECTIONS: Readonly<Record<string, Motion>> = {
  "editor.selectLeft": "left",
  "editor.selectRight": "right",
  "editor.selectUp": "up",
  "editor.selectDown": "down",
};

const SIMPLE: Readonly<Record<string, TextBufferAction>> = {
  "editor.backspace": { type: "backspace" },
  "editor.delete": { type: "delete" },
  "editor.deleteWordBack": { type: "deleteWordBack" },
  "editor.indent": { type: "indent" },
  "editor.dedent": { type: "dedent" },
  "editor.undo": { type: "undo" },
  "editor.redo": { type: "redo" },
};

/** The action for a command id, or null when the command is not the buffer's alone. */
export function commandToAction(
  command: string,
  options: CommandOptions = {},
): TextBufferAction | null {
  const rows = options.pageRows;
  const wrap = options.wrap ? { wrap: options.wrap } : {};
  const motion = MOTIONS[command];
  if (motion) return { type: "move", motion, ...(rows ? { rows } : {}), ...wrap };
  const selection = SELECTIONS[command];
  if (selection) return { type: "move", motion: selection, select: true, ...wrap };
  if (command === "editor.newline") return { type: "newline", autoIndent: options.autoIndent };
  return SIMPLE[command] ?? null;
}
