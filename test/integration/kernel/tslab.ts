// tslab, the TypeScript kernel (a devDependency), made findable without `tslab install` (which
// needs a Python with jupyter): its kernelspec written into a temporary JUPYTER_PATH.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const TSLAB = join(ROOT, "node_modules", ".bin", "tslab");

/** The notebook metadata that names the kernel. */
export const TYPESCRIPT = {
  kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
};

/** A new folder for JUPYTER_PATH holding kernels/tslab/kernel.json; returns the folder. */
export function tslabJupyterPath(): string {
  const root = mkdtempSync(join(tmpdir(), "oprel-tslab-"));
  const kernel = join(root, "kernels", "tslab");
  mkdirSync(kernel, { recursive: true });
  const spec = {
    argv: [TSLAB, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeFileSync(join(kernel, "kernel.json"), `${JSON.stringify(spec, null, 1)}\n`);
  return root;
}
