// Atomic save: validate, write a temporary file next to the target, fsync it, rename it over the
// target, fsync the folder. Readers see the old file or the new one, never half of one; a failed
// save leaves the original untouched. A file someone else changed since it was loaded is not
// overwritten unless the caller says so.

import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { type FileHandle, open, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { OprelError } from "../errors.js";
import { type DiskInfo, hashBytes } from "./disk.js";
import { saveFailed } from "./save-errors.js";
import { type SerializeOptions, serializeNotebook } from "./serialize.js";
import type { Notebook } from "./types.js";
import { assertValidNotebook } from "./validate.js";

export interface SaveOptions extends SerializeOptions {
  /** What the file looked like when it was loaded (or last saved); checked before overwriting. */
  expectedDisk?: DiskInfo;
  /** Overwrite even if the file changed on disk since `expectedDisk`. */
  force?: boolean;
}

export const TEMP_PREFIX = ".oprel-tmp-";

/** Saves the notebook to `path` and returns the new disk info for the next save to compare with. */
export async function saveNotebook(
  path: string,
  notebook: Notebook,
  options: SaveOptions = {},
): Promise<DiskInfo> {
  assertValidNotebook(
    notebook,
    `Refusing to save ${path}: the notebook would not be valid`,
    "This is a bug in whatever changed the notebook; the file on disk was left as it was.",
  );
  const text = serializeNotebook(notebook, options);
  const target = await resolveTarget(path);
  const existing = await statIfExists(target, path);
  if (options.expectedDisk && !options.force)
    await checkUnchanged(target, path, existing, options.expectedDisk);
  const bytes = Buffer.from(text, "utf8");
  await writeAtomically(target, path, bytes, existing);
  const written = await stat(target).catch((error: unknown) => {
    throw saveFailed(path, error);
  });
  return { mtimeMs: written.mtimeMs, size: written.size, hash: hashBytes(bytes) };
}

/** Follows a symbolic link, so the link stays a link and its target is what gets replaced. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path; // a new file (or a dangling link's own path): written where asked
  }
}

async function statIfExists(target: string, path: string): Promise<Stats | undefined> {
  try {
    return await stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw saveFailed(path, error);
  }
}

async function checkUnchanged(
  target: string,
  path: string,
  existing: Stats | undefined,
  expected: DiskInfo,
) {
  let changed = existing === undefined;
  // Same size: compare contents, since mtime alone misses a rewrite within the same clock tick
  // and flags a mere touch.
  if (existing && existing.size !== expected.size) changed = true;
  else if (existing) changed = hashBytes(await readFile(target)) !== expected.hash;
  if (changed) {
    throw new OprelError(
      "NOTEBOOK_CHANGED_ON_DISK",
      existing
        ? `${path} was changed by another program since oprel read it`
        : `${path} was deleted or moved since oprel read it`,
      "Reload it to see the other changes, save to another file, or save again with force to overwrite them.",
    );
  }
}

async function writeAtomically(
  target: string,
  path: string,
  bytes: Buffer,
  existing: Stats | undefined,
) {
  const folder = dirname(target);
  const temp = join(folder, `${TEMP_PREFIX}${randomBytes(4).toString("hex")}-${basename(target)}`);
  let handle: FileHandle | undefined;
  try {
    // A new file gets 0666 minus the umask, like any file a program creates.
    handle = await open(temp, "wx", 0o666);
    if (existing) await keepOwnershipAndMode(handle, existing);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw saveFailed(path, error);
  }
  await syncFolder(folder);
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
