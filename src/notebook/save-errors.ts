// A failed write as one plain sentence and what to do about it.

import { OprelError } from "../errors.js";

const REASONS: Record<string, [string, string]> = {
  ENOSPC: ["the disk is full", "The disk is full; free some space and save again."],
  EDQUOT: ["the disk quota is used up", "Free some space within your quota and save again."],
  EACCES: [
    "permission denied",
    "Check the permissions of the file and its folder, or save to another path.",
  ],
  EPERM: [
    "the operation is not permitted",
    "Check the permissions of the file and its folder, or save to another path.",
  ],
  EROFS: ["the file system is read-only", "Save to a folder on a writable file system."],
  ENOENT: ["its folder does not exist", "Create the folder first, or save to another path."],
  ENOTDIR: ["a part of the path is not a folder", "Check the path and save again."],
  EISDIR: ["it is a folder", "Give the path of a file, not a folder."],
  EIO: ["the device reported an input/output error", "Check the disk, then save again."],
};

export function saveFailed(path: string, error: unknown): OprelError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  const [reason, hint] = REASONS[code] ?? [
    code ? `the system said ${code}` : String(error),
    "The file on disk was left as it was; try again, or save to another path.",
  ];
  return new OprelError("SAVE_FAILED", `Could not save ${path}: ${reason}`, hint, { cause: error });
}
