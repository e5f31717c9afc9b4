// Reading notebooks: bytes -> text -> JSON -> an nbformat 4.5 Notebook, upgrading older formats in
// memory as Jupyter does. Every failure is an OprelError with a plain sentence; nothing crashes.

import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { OprelError } from "../errors.js";
import { assignCellIds } from "./assign-ids.js";
import { type DiskInfo, hashBytes } from "./disk.js";
import { isObject } from "./disk-form.js";
import { JsonSyntaxError, parseJson } from "./json-parse.js";
import { rejoinInPlace } from "./rejoin.js";
import type { Notebook } from "./types.js";
import { convertV3 } from "./upgrade-v3.js";
import { assertValidNotebook } from "./validate.js";

export interface ParsedNotebook {
  notebook: Notebook;
  /** Things the user should know (repaired ids, an upgraded format); never fatal. */
  warnings: string[];
  /** The original format, e.g. "4.2" or "3.0", when the notebook was upgraded to 4.5 in memory. */
  upgradedFrom?: string;
}

export interface LoadedNotebook extends ParsedNotebook {
  path: string;
  disk: DiskInfo;
}

type Json = Record<string, unknown>;

const CURRENT_MINOR = 5;
const CONVERT_HINT =
  "Convert it with Jupyter first: jupyter nbconvert --to notebook --output converted.ipynb";

/** Parses notebook text. `source` (a path or name) is used in messages. */
export function parseNotebook(text: string, source?: string): ParsedNotebook {
  const name = source ?? "The notebook";
  const warnings: string[] = [];
  let body = text;
  if (body.startsWith("\uFEFF")) {
    body = body.slice(1);
    warnings.push(
      `${name} starts with a byte order mark; it will be saved without one, as Jupyter does.`,
    );
  }
  const document = parseDocument(body, name);
  const { v4, upgradedFrom } = toVersion4(document, formatVersion(document, name), name, warnings);
  rejoinInPlace(v4);
  if (upgradedFrom) {
    warnings.push(
      `${name} was upgraded from nbformat ${upgradedFrom} to 4.5 in memory; saving writes nbformat 4.5.`,
    );
  }
  if (Array.isArray(v4.cells)) {
    const repairs = assignCellIds(v4.cells);
    if (repairs.added > 0 && !upgradedFrom) {
      warnings.push(`${name}: ${repairs.added} cell(s) had no id; new ids were given.`);
    }
    for (const note of repairs.replaced) warnings.push(`${name}: ${note}.`);
  }
  const notebook = v4 as unknown as Notebook;
  assertValidNotebook(
    notebook,
    `${name} is not a valid notebook`,
    "Fix the notebook at that place (it is a JSON text file), then try again.",
  );
  return upgradedFrom ? { notebook, warnings, upgradedFrom } : { notebook, warnings };
}

/** nbformat 3 is converted; 4.0-4.4 are marked as 4.5 (their cells get ids afterwards). */
function toVersion4(document: Json, major: number, name: string, warnings: string[]) {
  if (major === 3) {
    const conversion = convertV3(document, name);
    warnings.push(...conversion.warnings);
    const minor = Number.isInteger(document.nbformat_minor) ? document.nbformat_minor : 0;
    return { v4: conversion.document, upgradedFrom: `3.${String(minor)}` };
  }
  const minor = document.nbformat_minor;
  let upgradedFrom: string | undefined;
  if (typeof minor !== "number" || !Number.isInteger(minor) || minor < 0) {
    warnings.push(`${name} has no valid nbformat_minor; it was read as nbformat 4.0.`);
    upgradedFrom = "4.0";
  } else if (minor < CURRENT_MINOR) {
    upgradedFrom = `4.${minor}`;
  } else if (minor > CURRENT_MINOR) {
    warnings.push(
      `${name} was written in nbformat 4.${minor}, newer than oprel knows (4.5); properties oprel does not know are kept as they are.`,
    );
  }
  if (upgradedFrom) document.nbformat_minor = CURRENT_MINOR;
  return { v4: document, upgradedFrom };
}

function parseDocument(text: string, name: string): Json {
  if (text.trim() === "") {
    throw new OprelError(
      "NOTEBOOK_MALFORMED",
      `${name} is empty`,
      "It holds no notebook; restore it from a backup or version control.",
    );
  }
  let document: unknown;
  try {
    document = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new OprelError(
      "NOTEBOOK_MALFORMED",
      `${name} is not valid JSON (line ${error.line}, column ${error.column}: ${error.reason})`,
      "The file may be truncated or edited by hand; fix it at that place or restore it from version control.",
      { cause: error },
    );
  }
  if (!isObject(document)) {
    const kind = Array.isArray(document)
      ? "a list"
      : document === null
        ? "null"
        : `a ${typeof document}`;
    throw notANotebook(name, `it holds ${kind}, not a JSON object`);
  }
  return document;
}

function formatVersion(document: Json, name: string): number {
  const major = document.nbformat;
  if (major === undefined) throw notANotebook(name, "it has no 'nbformat' field");
  if (typeof major !== "number" || !Number.isInteger(major)) {
    throw notANotebook(name, "its 'nbformat' field is not a version number");
  }
  if (major < 3) {
    throw new OprelError(
      "NOTEBOOK_TOO_OLD",
      `${name} uses nbformat ${major}, which is too old for oprel (it reads nbformat 3 and 4)`,
      CONVERT_HINT,
    );
  }
  if (major > 4) {
    throw new OprelError(
      "NOTEBOOK_INVALID",
      `${name} uses nbformat ${major}, which is newer than oprel understands (it reads nbformat 3 and 4)`,
      "Upgrade oprel, or save the notebook as nbformat 4 from Jupyter.",
    );
  }
  return major;
}

function notANotebook(name: string, why: string): OprelError {
  return new OprelError(
    "NOTEBOOK_MALFORMED",
    `${name} is not a Jupyter notebook: ${why}`,
    "Check that you passed the right file; notebooks are .ipynb files written by Jupyter.",
  );
}

/** Reads, decodes and parses a notebook file, recording what it looked like on disk. */
export async function loadNotebook(path: string): Promise<LoadedNotebook> {
  const { bytes, mtimeMs } = await readNotebookFile(path);
  const text = decodeUtf8(bytes, path);
  const parsed = parseNotebook(text, path);
  return { ...parsed, path, disk: { mtimeMs, size: bytes.byteLength, hash: hashBytes(bytes) } };
}

async function readNotebookFile(path: string): Promise<{ bytes: Uint8Array; mtimeMs: number }> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "r");
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const bytes = await handle.readFile();
    return { bytes, mtimeMs: stats.mtimeMs };
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
}

function unreadable(path: string, error: unknown): OprelError {
  const code = (error as NodeJS.ErrnoException).code;
  const [message, hint] =
    code === "ENOENT"
      ? [`${path} does not exist`, "Check the path and the current folder."]
      : code === "EISDIR"
        ? [`${path} is a folder, not a notebook`, "Pass the path of an .ipynb file."]
        : code === "EACCES" || code === "EPERM"
          ? [`${path} cannot be read: permission denied`, "Check the file's permissions."]
          : [`${path} cannot be read (${code ?? String(error)})`, "Check the file and try again."];
  return new OprelError("NOTEBOOK_UNREADABLE", message, hint, { cause: error });
}

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    // ignoreBOM keeps a byte order mark in the text, so parseNotebook can say it will be dropped.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new OprelError(
      "NOTEBOOK_MALFORMED",
      `${path} is not UTF-8 text`,
      "Notebooks are UTF-8 JSON files; check that this is a notebook, or convert it to UTF-8.",
      { cause: error },
    );
  }
}
