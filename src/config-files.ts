// oprel's config files live in $XDG_CONFIG_HOME/oprel/ (else ~/.config/oprel/): keys.yaml for the
// key map, config.yaml for the assistant. A missing file is normal and reads as null.

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function configFilePath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(config, "oprel", name);
}

/** The file's text, null when it does not exist; throws `unreadable(reason)` otherwise. */
export function readOptionalFile(
  path: string,
  unreadable: (reason: string) => Error,
): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw unreadable(`cannot be read (${(error as Error).message})`);
  }
}
