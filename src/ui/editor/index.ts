// The cell editor's public surface for the app shell.

export { CellEditor, type CellEditorProps } from "./cell-editor.js";
export {
  cellLanguage,
  type EditedCell,
  type EditorWindow,
  editorWindow,
  sourceRows,
} from "./cell-rows.js";
export { type CommandOptions, commandToAction } from "./commands.js";
export {
  applyCompletion,
  type Completion,
  type CursorOffset,
  cursorOffset,
  split,
  tabIntent,
} from "./cursor.js";
export { markError } from "./error-mark.js";
export { highlightLanguage, highlightLines, type LineStyles, type StyleRun } from "./highlight.js";
export type { AutoIndent } from "./indent.js";
export {
  type EditorLayout,
  type EditorMetrics,
  type ErrorMark,
  editorMetrics,
  followCursor,
  type GutterOptions,
  type LayoutOptions,
  layoutEditor,
  visualRowCount,
} from "./layout.js";
export { renderSourceLines, type SourceLinesOptions } from "./source-lines.js";
export {
  bufferText,
  createTextBuffer,
  type Motion,
  offsetOfPosition,
  type Position,
  positionOfOffset,
  type Snapshot,
  selectedText,
  selectionRange,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "./text-buffer.js";
export { type CellEditorHandle, useCellEditor } from "./use-cell-editor.js";
