// Replacing a file atomically: write a temporary file next to it, fsync it, rename it over the
// target, fsync the folder. Readers see the old file or the new one, never half of one; a failed
// write leaves the original untouched. Temporary files are named `.oprel-tmp-<pid>-<random>-<name>`,
// so one left by a killed process can be told from one still being written.

import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { type FileHandle, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export const TEMP_PREFIX = ".oprel-tmp-";
/** A save takes seconds; a temporary file this old, of a process that is gone, is abandoned. */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Replaces `target` with `content` through a temporary file next to it; an existing file's mode
 * (and, for root, its owner) carries over. Errors are the system's; the temporary file is gone.
 * Content is bytes, or a function that writes them into the open file (a large notebook is
 * written in pieces, never held whole).
 */
export async function replaceFileAtomically(
  target: string,
  content: Buffer | ((fd: number) => void),
  existing?: Stats,
): Promise<void> {
  const folder = dirname(target);
  const temp = join(
    folder,
    `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}-${basename(target)}`,
  );
  let handle: FileHandle | undefined;
  try {
    // A new file gets 0666 minus the umask, like any file a program creates.
    handle = await open(temp, "wx", 0o666);
    if (existing) await keepOwnershipAndMode(handle, existing);
    if (typeof content === "function") content(handle.fd);
    else await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
  await removeStaleTemps(folder);
}

/** Writes a text file (a report) atomically. */
export function writeFileAtomic(path: string, content: string): Promise<void> {
  return replaceFileAtomically(path, Buffer.from(content, "utf8"));
}

/**
 * Removes what saves killed half way (kill -9) left in the folder: temporary files old enough to
 * be surely abandoned, whose process is gone. Never fails a save.
 */
async function removeStaleTemps(folder: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.startsWith(TEMP_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^\.oprel-tmp-(\d+)-/.exec(name)?.[1]);
    if (!(pid > 0) || processAlive(pid)) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && Date.now() - info.mtimeMs > STALE_TEMP_MS)
      await unlink(path).catch(() => undefined);
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function keepOwnershipAndMode(handle: FileHandle, existing: Stats): Promise<void> {
  await handle.chmod(existing.mode & 0o7777);
  if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
    // Only root can give the file back to its owner; anyone else's new file is theirs anyway.
    await handle.chown(existing.uid, existing.gid).catch(() => undefined);
  }
}

/** Makes the rename itself durable. Some file systems cannot sync a folder; that is not an error. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, "r");
    await handle.sync();
  } catch {
    // EINVAL/EISDIR/EPERM on file systems without directory fsync: the data itself is synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
