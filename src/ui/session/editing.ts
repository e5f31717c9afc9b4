// The cell being edited: its text buffer, and what the kernel said about it (completions, the
// inspection tooltip, a syntax error). Leaving edit mode commits the text as one whole-cell edit.

import type { TextBufferState } from "../editor/text-buffer.js";

export interface Completion {
  matches: string[];
  selected: number;
  /** UTF-16 offsets in the cell's text that a chosen match replaces. */
  start: number;
  end: number;
}

export interface SyntaxMark {
  line: number;
  column: number;
  message: string;
}

export interface Editing {
  cellId: string;
  buffer: TextBufferState;
  completion?: Completion;
  /** Signature and docstring from the kernel (Shift+Tab), raw text. */
  tooltip?: string;
  syntax?: SyntaxMark;
}
