// Two or more real workers sharing one registry, as the controller's notebooks do.

import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";
import type { Kernel } from "../../../src/kernel/index.js";
import { Registry, type RegistryOptions } from "../../../src/registry/index.js";
import { startKernel } from "../kernel/helpers.js";

/** Debian's interpreter: it has numpy and pandas. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

export const root = realpathSync(mkdtempSync(join(tmpdir(), "oprel-registry-test-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const opened: Registry[] = [];
afterEach(() => {
  for (const registry of opened.splice(0)) registry.close();
});

export function openRegistry(options: RegistryOptions = {}): Registry {
  const registry = Registry.open(options);
  opened.push(registry);
  return registry;
}

/** A worker for the notebook `name` (a path under root; the file need not exist). */
export function notebook(registry: Registry, name: string): Promise<Kernel> {
  const path = join(root, name);
  writeFileSync(path, "");
  return startKernel({ cwd: root, notebookPath: path, python: SYSTEM_PYTHON, registry });
}
