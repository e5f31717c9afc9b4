// Saving a notebook: validate, check that nobody changed the file since it was loaded (unless the
// caller says to overwrite) and that it is not read-only, then replace it atomically
// (atomic-write.ts): readers see the old file or the new one, never half of one.

import { createHash } from "node:crypto";
import { type Stats, writeSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { OprelError } from "../errors.js";
import { replaceFileAtomically } from "./atomic-write.js";
import { type DiskInfo, hashBytes } from "./disk.js";
import type { JsonOut } from "./python-json.js";
import { isReadOnlyFile } from "./read-only.js";
import { saveFailed } from "./save-errors.js";
import { type SerializeOptions, writeNotebook } from "./serialize.js";
import type { Notebook } from "./types.js";
import { assertValidNotebook } from "./validate.js";

export interface SaveOptions extends SerializeOptions {
  /** What the file looked like when it was loaded (or last saved); checked before overwriting. */
  expectedDisk?: DiskInfo;
  /** Overwrite even if the file changed on disk since `expectedDisk`. */
  force?: boolean;
}

export { TEMP_PREFIX } from "./atomic-write.js";

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
  const target = await resolveTarget(path);
  const existing = await statIfExists(target, path);
  if (isReadOnlyFile(target, existing)) {
    throw new OprelError(
      "SAVE_FAILED",
      `Could not save ${path}: it is read-only`,
      "Make it writable first (chmod u+w), or save to another file.",
    );
  }
  if (options.expectedDisk && !options.force)
    await checkUnchanged(target, path, existing, options.expectedDisk);
  let hash = "";
  const write = (fd: number) => {
    const file = new FileOut(fd);
    writeNotebook(file, notebook, options);
    hash = file.end();
  };
  await replaceFileAtomically(target, write, existing).catch((error: unknown) => {
    throw saveFailed(path, error);
  });
  const written = await stat(target).catch((error: unknown) => {
    throw saveFailed(path, error);
  });
  return { mtimeMs: written.mtimeMs, size: written.size, hash };
}

/** Bytes reach the file about a megabyte at a time, so a big notebook never sits in memory twice. */
const FILE_CHUNK = 1 << 20;

/** Serialized text into a file descriptor, hashed on the way. */
class FileOut implements JsonOut {
  private pieces: string[] = [];
  private length = 0;
  private readonly hash = createHash("sha256");

  constructor(private readonly fd: number) {}

  push(...pieces: string[]): void {
    for (const piece of pieces) {
      this.pieces.push(piece);
      this.length += piece.length;
    }
    if (this.length >= FILE_CHUNK) this.write();
  }

  /** Writes what is left; returns the sha256 of everything written. */
  end(): string {
    this.write();
    return this.hash.digest("hex");
  }

  private write(): void {
    const bytes = Buffer.from(this.pieces.join(""), "utf8");
    this.pieces = [];
    this.length = 0;
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
  }
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
