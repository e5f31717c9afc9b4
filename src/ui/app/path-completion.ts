// Tab completion of file paths in the open prompt: complete as far as the matches agree, a folder
// gets its slash, and notebooks and folders are the only names offered.

import { readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface PathCompletion {
  text: string;
  /** Every name that matched, for the user to see when the completion stopped short. */
  matches: string[];
}

export function completePath(text: string, cwd = process.cwd()): PathCompletion {
  const expanded = text.startsWith("~/") ? join(homedir(), text.slice(2)) : text;
  const slash = expanded.lastIndexOf("/");
  const folderText = slash === -1 ? "" : expanded.slice(0, slash + 1);
  const prefix = slash === -1 ? expanded : expanded.slice(slash + 1);
  const folder =
    folderText === "" ? cwd : folderText.startsWith("/") ? folderText : join(cwd, folderText);
  let entries: { name: string; folder: boolean }[];
  try {
    entries = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.name.startsWith(prefix))
      .filter((entry) => prefix.startsWith(".") || !entry.name.startsWith("."))
      .map((entry) => ({ name: entry.name, folder: entry.isDirectory() }))
      .filter((entry) => entry.folder || entry.name.endsWith(".ipynb"));
  } catch {
    return { text, matches: [] };
  }
  const names = entries.map((entry) => entry.name + (entry.folder ? "/" : "")).sort();
  if (names.length === 0) return { text, matches: [] };
  const common = names.reduce((shared, name) => {
    let i = 0;
    while (i < shared.length && shared[i] === name[i]) i += 1;
    return shared.slice(0, i);
  });
  const keep = text.startsWith("~/")
    ? `~/${folderText.slice(join(homedir(), "/").length)}`
    : folderText;
  return { text: keep + common, matches: names };
}
