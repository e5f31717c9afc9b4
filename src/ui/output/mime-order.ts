// Which representation of a MIME bundle to show, in the order Jupyter's front ends prefer them
// (JupyterLab's renderer ranks), adjusted for a terminal: LaTeX and JavaScript cannot be drawn
// here, so text/plain (sympy's pretty print, a widget's description) comes before them.

import type { MimeBundle } from "../../notebook/types.js";

export const MIME_ORDER = [
  "application/json",
  "text/html",
  "text/markdown",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/latex",
  "application/javascript",
  "text/javascript",
] as const;

/** The MIME types of a bundle worth showing, most preferred first; unknown types last. */
export function mimePreference(bundle: MimeBundle): string[] {
  const present = Object.keys(bundle);
  const known = MIME_ORDER.filter((mime) => mime in bundle);
  const unknown = present.filter((mime) => !(MIME_ORDER as readonly string[]).includes(mime));
  return [...known, ...unknown];
}
