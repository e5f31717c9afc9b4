// The nbformat model: read, upgrade, validate, edit, record outputs, save.

export { writeFileAtomic } from "./atomic-write.js";
export {
  CellOutputs,
  DEFAULT_MAX_OUTPUT,
  formatSize,
  type Truncation,
} from "./cell-outputs.js";
export { type DiskInfo, hashBytes } from "./disk.js";
export { copyObject } from "./disk-form.js";
export { NotebookDocument } from "./document.js";
export {
  changeCellType,
  clearOutputs,
  setCellMetadata,
  setSource,
  updateCell,
  withFields,
} from "./edit/content.js";
export { cellSource, findCell, findCellIndex, newCellId } from "./edit/lookup.js";
export { type MergeOptions, mergeCells, type SplitOptions, splitCell } from "./edit/split-merge.js";
export {
  type CellPosition,
  deleteCell,
  insertCell,
  moveCell,
  type NewCell,
} from "./edit/structure.js";
export { isValidCellId } from "./ids.js";
export { JsonSyntaxError, parseJson } from "./json-parse.js";
export { isJsonMime, joinMultiline, splitLines } from "./multiline.js";
export {
  applyKernelEvent,
  initialOutputState,
  OutputRecorder,
  type OutputState,
  type RecorderOptions,
} from "./outputs.js";
export { type LoadedNotebook, loadNotebook, type ParsedNotebook, parseNotebook } from "./read.js";
export { isReadOnlyFile } from "./read-only.js";
export { type SaveOptions, saveNotebook } from "./save.js";
export { originalMinor, type SerializeOptions, serializeNotebook } from "./serialize.js";
export type * from "./types.js";
export { assertValidNotebook, type ValidationResult, validateNotebook } from "./validate.js";
