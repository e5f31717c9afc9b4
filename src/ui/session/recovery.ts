// Recovery copies: when oprel is hung up on or crashes with unsaved work, each unsaved notebook is
// written next to its file as .NAME.ipynb.oprel-recovery. The next open offers to restore it.
// Written synchronously, because it happens in a signal handler on the way out.

import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type Notebook, parseNotebook, serializeNotebook } from "../../notebook/index.js";

export function recoveryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.oprel-recovery`);
}

/** Writes the copy atomically (temp file and rename); false when the folder cannot take it. */
export function writeRecovery(path: string, notebook: Notebook): boolean {
  const target = recoveryPath(path);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, serializeNotebook(notebook), { mode: 0o600 });
    renameSync(temp, target);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

export interface RecoveryCopy {
  notebook: Notebook;
  savedAt: Date;
}

/** The recovery copy for `path`, if there is a readable one. */
export async function readRecovery(path: string): Promise<RecoveryCopy | undefined> {
  const target = recoveryPath(path);
  if (!existsSync(target)) return undefined;
  try {
    const text = await readFile(target, "utf8");
    return { notebook: parseNotebook(text, target).notebook, savedAt: statSync(target).mtime };
  } catch {
    return undefined;
  }
}

export function discardRecovery(path: string): void {
  try {
    unlinkSync(recoveryPath(path));
  } catch {
    // already gone
  }
}
