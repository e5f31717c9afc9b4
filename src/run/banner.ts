// papermill's error marker: a red banner at the top linking to an anchor placed right before the
// failing cell. Both carry the papermill-error-cell-tag, so the next run removes them again.

import { insertCell } from "../notebook/index.js";
import type { Cell, Notebook } from "../notebook/types.js";
import { hasTag, TAG } from "./tags.js";

const STYLE =
  'style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"';

export function bannerSource(executionCount: number | null): string {
  return (
    `<span ${STYLE}>An Exception was encountered at ` +
    `'<a href="#papermill-error-cell">In [${executionCount ?? "None"}]</a>'.</span>`
  );
}

export const ANCHOR_SOURCE = `<span id="papermill-error-cell" ${STYLE}>Execution encountered an exception here and stopped:</span>`;

export function isErrorMarker(cell: Cell): boolean {
  return hasTag(cell, TAG.errorMarker);
}

/** The notebook with the anchor before cells[failedIndex] and the banner at the top. */
export function withErrorMarkers(
  notebook: Notebook,
  failedIndex: number,
  executionCount: number | null,
): Notebook {
  const metadata = { tags: [TAG.errorMarker] };
  const anchored = insertCell(notebook, failedIndex, {
    cell_type: "markdown",
    source: ANCHOR_SOURCE,
    metadata,
  });
  return insertCell(anchored, 0, {
    cell_type: "markdown",
    source: bannerSource(executionCount),
    metadata,
  });
}
