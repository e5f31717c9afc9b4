// A cell that is not being edited, drawn exactly as the editor draws it (same wrapping, gutter
// and colour, so its height does not jump on entering edit mode), cached by what it depends on.

import { type ErrorMark, type GutterOptions, layoutEditor } from "./layout.js";
import { Lru } from "./lru.js";
import { createTextBuffer } from "./text-buffer.js";

export interface SourceLinesOptions extends GutterOptions {
  colour?: boolean;
  error?: ErrorMark | null;
}

const cache = new Lru<string, string[]>(500);

export function renderSourceLines(
  source: string,
  width: number,
  language = "python",
  options: SourceLinesOptions = {},
): string[] {
  const { prompt = "", lineNumbers = false, colour = true, error = null } = options;
  const key = JSON.stringify([width, language, prompt, lineNumbers, colour, error, source]);
  return cache.getOrMake(key, () => {
    const layout = layoutEditor(createTextBuffer(source), {
      width,
      language,
      prompt,
      lineNumbers,
      colour,
      error,
      cursor: false,
    });
    return layout.lines;
  });
}
