// The oprel package folder, found by walking up from this file to package.json, so the worker
// script is located the same way from src/ under tsx and from dist/ when compiled.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`oprel: no package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
  cached = folder;
  return folder;
}

export function workerScriptPath(): string {
  return join(packageRoot(), "worker", "python", "oprel_worker.py");
}
