// How an image output is drawn. Today a one-line placeholder naming the type and pixel size; the
// seam for pictures (kitty Unicode placeholders, half-block cells) is an ImageRenderer that
// returns rows of SGR-coloured text, at most `width` columns each, like every other output line.

import { plainText } from "../../terminal/sanitize.js";
import { fitColumns } from "../../terminal/wrap.js";
import type { ImageInfo } from "./image-info.js";

export type ImageRenderer = (image: ImageInfo, width: number) => string[];

const DIM = "\u001b[2m";
const UNDIM = "\u001b[22m";

/** A dim "[image/png 640×480]" (or "[image/png]" when the size cannot be read). */
export const imagePlaceholder: ImageRenderer = (image, width) => {
  const size = image.width && image.height ? ` ${image.width}×${image.height}` : "";
  return [`${DIM}${fitColumns(`[${mimeLabel(image.mime)}${size}]`, width)}${UNDIM}`];
};

/** A dim "[application/x-thing output]" for a type nothing here can show. */
export function unknownPlaceholder(mime: string, width: number): string {
  return `${DIM}${fitColumns(`[${mimeLabel(mime)} output]`, width)}${UNDIM}`;
}

/** A MIME type as it may be shown: from the notebook, so untrusted; kept short. */
function mimeLabel(mime: string): string {
  const clean = plainText(mime).replace(/\s+/g, " ");
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
