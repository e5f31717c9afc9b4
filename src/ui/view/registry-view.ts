// The registry panel (shift+v): every shared entry with where it came from, its type, size and
// time, the selected one highlighted. Names, sources and types come from notebooks: sanitized.

import { basename } from "node:path";
import { formatSize, type RegistryEntry } from "../../registry/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { fitColumns } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import type { Overlay } from "../app/overlays.js";
import { style } from "./style.js";

const HEADER = ["name", "source", "type", "size", "time"];

export function registryRows(
  store: AppStore,
  overlay: Extract<Overlay, { kind: "registry" }>,
  width: number,
  height: number,
): string[] {
  const entries = store.registry?.list() ?? [];
  const into = store.session ? ` into ${sanitize(store.session.name)}` : "";
  const title =
    style.bold("Shared registry") +
    style.dim(`  (j/k select, f fetches${into}, s shares a variable, q closes)`);
  if (entries.length === 0)
    return [title, "", "Nothing is shared yet. Press s, or run %share NAME in a cell."].map(
      (line) => fitColumns(line, width),
    );
  const table = [HEADER, ...entries.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
  const cursor = Math.min(overlay.cursor, entries.length - 1);
  // Keep the selected entry in view: the rows scroll once it passes the bottom.
  const visible = Math.max(1, height - 2);
  const first = Math.max(0, cursor - visible + 1);
  const rows = entries.slice(first, first + visible).map((entry, i) => {
    const text = fitColumns(line(cells(entry)), width);
    return first + i === cursor ? style.inverse(text) : text;
  });
  return [title, style.dim(fitColumns(line(HEADER), width)), ...rows];
}

function cells(entry: RegistryEntry): string[] {
  return [
    sanitize(entry.name),
    sanitize(basename(entry.source)),
    sanitize(entry.typeName),
    formatSize(entry.size),
    new Date(entry.time).toTimeString().slice(0, 8),
  ];
}
