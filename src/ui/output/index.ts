// The cell output views' public surface for the app shell.

export {
  CellOutputs,
  type CellOutputsOptions,
  type OutputWindow,
  type WindowOptions,
} from "./cell-output.js";
export { formatElapsed } from "./elapsed.js";
export { type ImageInfo, imageInfo } from "./image-info.js";
export { type ImageRenderer, imagePlaceholder } from "./image-view.js";
export type { LineSource } from "./line-source.js";
export { LineStore } from "./line-store.js";
export { MIME_ORDER, mimePreference } from "./mime-order.js";
export { richTextLoaded, whenRichTextReady } from "./rich-text.js";
