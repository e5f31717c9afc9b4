// What a notebook file looked like on disk when it was read or written, so a later save can tell
// whether someone else changed it in between.

import { createHash } from "node:crypto";

export interface DiskInfo {
  mtimeMs: number;
  size: number;
  /** sha256 of the file's bytes, hex. */
  hash: string;
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
