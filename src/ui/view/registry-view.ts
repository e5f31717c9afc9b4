// The registry panel (shift+v): every shared entry with where it came from, its type, size and
// time; or, after s, the notebook's variables to share. The selected row is highlighted. Names,
// sources, types and previews come from notebooks: sanitized.

import { basename } from "node:path";
import type { VariableSummary } from "../../kernel/index.js";
import { formatSize, type RegistryEntry } from "../../registry/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { fitColumns } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import type { Overlay } from "../app/overlays.js";
import { style } from "./style.js";

export function registryRows(
  store: AppStore,
  panel: Extract<Overlay, { kind: "registry" }>,
  width: number,
  height: number,
): string[] {
  const notebook = sanitize(store.session?.name ?? "this notebook");
  if (panel.variables) {
    const title =
      style.bold(`Share a variable of ${notebook}`) +
      style.dim("  (j/k select, s or Enter shares it, q goes back)");
    const rows = panel.variables.map(variableCells);
    return [title, ...table(["name", "type", "value"], rows, panel.cursor, width, height - 1)];
  }
  const title =
    style.bold("Shared registry") +
    style.dim(`  (j/k select, f fetches into ${notebook}, s shares a variable, q closes)`);
  const entries = store.registry?.list() ?? [];
  if (entries.length === 0)
    return [title, "", "Nothing is shared yet. Press s, or run %share NAME in a cell."].map(
      (line) => fitColumns(line, width),
    );
  const header = ["name", "source", "type", "size", "time"];
  return [title, ...table(header, entries.map(entryCells), panel.cursor, width, height - 1)];
}

/** Aligned columns under a dim header; the selected row stays in view and is highlighted. */
function table(
  header: string[],
  rows: string[][],
  cursor: number,
  width: number,
  height: number,
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    fitColumns(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  "), width);
  const selected = Math.min(cursor, rows.length - 1);
  const visible = Math.max(1, height - 1);
  const first = Math.max(0, selected - visible + 1);
  const shown = rows.slice(first, first + visible).map((row, i) => {
    const text = line(row);
    return first + i === selected ? style.inverse(text) : text;
  });
  return [style.dim(line(header)), ...shown];
}

function entryCells(entry: RegistryEntry): string[] {
  return [
    sanitize(entry.name),
    sanitize(basename(entry.source)),
    sanitize(entry.typeName),
    formatSize(entry.size),
    new Date(entry.time).toTimeString().slice(0, 8),
  ];
}

function variableCells(variable: VariableSummary): string[] {
  return [sanitize(variable.name), sanitize(variable.type), sanitize(variable.preview)];
}
