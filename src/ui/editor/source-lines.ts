// A cell that is not being edited, drawn exactly as the editor draws it (same wrapping, gutter
// and colour, so its height does not jump on entering edit mode), cached by what it depends on.
// A very long cell is drawn only down to `maxRows`, ending with a row that says how much is left:
// no screen shows more, and drawing (and highlighting) 10,000 lines would stall the first paint.

import { thousands } from "../../terminal/thousands.js";
import { type ErrorMark, editorMetrics, type GutterOptions, layoutEditor } from "./layout.js";
import { Lru } from "./lru.js";
import { createTextBuffer } from "./text-buffer.js";

export interface SourceLinesOptions extends GutterOptions {
  colour?: boolean;
  error?: ErrorMark | null;
  /** The most rows drawn (default 300), the last of them a "more lines" note when cut. */
  maxRows?: number;
}

const cache = new Lru<string, string[]>(500);
const DEFAULT_MAX_ROWS = 300;

export function renderSourceLines(
  source: string,
  width: number,
  language = "python",
  options: SourceLinesOptions = {},
): string[] {
  const { prompt = "", lineNumbers = false, colour = true, error = null } = options;
  const maxRows = Math.max(2, options.maxRows ?? DEFAULT_MAX_ROWS);
  const key = JSON.stringify([
    width,
    language,
    prompt,
    lineNumbers,
    colour,
    error,
    maxRows,
    source,
  ]);
  return cache.getOrMake(key, () => {
    const state = createTextBuffer(source);
    const layout = { width, language, prompt, lineNumbers, colour, error, cursor: false };
    if (editorMetrics(state, layout).totalRows <= maxRows) return layoutEditor(state, layout).lines;
    const cut = layoutEditor(state, { ...layout, window: { start: 0, count: maxRows - 1 } });
    const more = state.lines.length - cut.windowLastLine - 1;
    const note = `⋯ ${thousands(more)} more line${more === 1 ? "" : "s"}`;
    return [...cut.lines, `\u001b[2m${note.slice(0, Math.max(1, width - 1))}\u001b[0m`];
  });
}
