// A read-only notebook (no write permission for anyone, as chmod a-w leaves it) is not replaced.
// Replacing a file (a new one renamed over it) needs only its folder to be writable, and root may
// write anything, so a save would otherwise ignore the mode its owner set on purpose.

import { type Stats, statSync } from "node:fs";

export function isReadOnlyFile(
  path: string,
  stats: Stats | undefined = statSync(path, { throwIfNoEntry: false }),
): boolean {
  return stats?.isFile() === true && (stats.mode & 0o222) === 0;
}
