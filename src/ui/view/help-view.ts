// The key help (?): every binding by mode, and whether this terminal can deliver it.

import { fitColumns } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import type { Overlay } from "../app/overlays.js";
import { style } from "./style.js";

export function helpRows(
  store: AppStore,
  overlay: Extract<Overlay, { kind: "help" }>,
  width: number,
  height: number,
): string[] {
  const lines = store.helpLines();
  const title =
    style.bold("Keys") +
    style.dim("  (j/k scroll, q or Esc closes; ✗ = this terminal cannot send it)");
  const body = lines.slice(overlay.scroll, overlay.scroll + height - 1);
  return [title, ...body].map((line) => fitColumns(line, width));
}
