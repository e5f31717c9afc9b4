import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../../src/notebook/index.js";
import {
  ANCHOR_SOURCE,
  bannerSource,
  isErrorMarker,
  withErrorMarkers,
} from "../../../src/run/banner.js";

describe("papermill's error markers", () => {
  it("are the same text papermill wrote into its own broken1 notebook", () => {
    const text = readFileSync(
      new URL("../../fixtures/corpus/papermill/broken1.ipynb", import.meta.url),
      "utf8",
    );
    const { notebook } = parseNotebook(text);
    const markers = notebook.cells
      .filter(isErrorMarker)
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
    expect(markers).toEqual([bannerSource(1), ANCHOR_SOURCE]);
  });

  it("put the banner first and the anchor right before the failing cell", () => {
    const { notebook } = parseNotebook(
      JSON.stringify({
        cells: ["a", "b", "c"].map((id) => ({
          cell_type: "code",
          id,
          metadata: {},
          source: id,
          outputs: [],
          execution_count: null,
        })),
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const marked = withErrorMarkers(notebook, 2, 7);
    expect(marked.cells.map((c) => (isErrorMarker(c) ? c.cell_type : c.id))).toEqual([
      "markdown",
      "a",
      "b",
      "markdown",
      "c",
    ]);
    expect(marked.cells[0]?.source).toContain("In [7]");
    expect(marked.cells[3]?.source).toBe(ANCHOR_SOURCE);
    expect(bannerSource(null)).toContain("In [None]");
  });
});
