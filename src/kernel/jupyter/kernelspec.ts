// Finding installed Jupyter kernels where Jupyter looks for them (jupyter_core's jupyter_path):
// each JUPYTER_PATH entry, the user data folder, the active environment's prefix, then the system
// folders /usr/local/share/jupyter and /usr/share/jupyter; in each, kernels/NAME/kernel.json.
// The first folder holding a name wins; names are matched without regard to case, as Jupyter does.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export interface KernelSpec {
  /** The folder's name, lower-cased: what notebooks name in metadata.kernelspec.name. */
  name: string;
  /** The folder holding kernel.json (its resource_dir). */
  dir: string;
  argv: string[];
  display_name: string;
  language: string;
  /** How to interrupt it: SIGINT to its process, or an interrupt_request on the control channel. */
  interrupt_mode: "signal" | "message";
  env: Record<string, string>;
}

type Env = Record<string, string | undefined>;

/** The data folders searched, first match first. */
export function jupyterDataPath(env: Env = process.env): string[] {
  const folders: string[] = [];
  for (const entry of (env.JUPYTER_PATH ?? "").split(delimiter)) if (entry) folders.push(entry);
  const userData =
    env.JUPYTER_DATA_DIR ??
    join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter");
  const prefix = env.VIRTUAL_ENV ?? env.CONDA_PREFIX;
  const envData = prefix ? [join(prefix, "share", "jupyter")] : [];
  // JUPYTER_PREFER_ENV_PATH puts the environment ahead of the user's folder, as jupyter_core does.
  const preferEnv = /^(1|true|yes|on)$/i.test(env.JUPYTER_PREFER_ENV_PATH ?? "");
  folders.push(...(preferEnv ? [...envData, userData] : [userData, ...envData]));
  folders.push("/usr/local/share/jupyter", "/usr/share/jupyter");
  return [...new Set(folders)];
}

function readSpec(name: string, dir: string): KernelSpec | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8")) as Record<string, unknown>;
  } catch {
    return undefined; // a broken kernel.json hides nothing else; Jupyter skips it too
  }
  if (!Array.isArray(raw.argv) || raw.argv.length === 0) return undefined;
  const env =
    typeof raw.env === "object" && raw.env !== null ? (raw.env as Record<string, unknown>) : {};
  return {
    name,
    dir,
    argv: raw.argv.map(String),
    display_name: typeof raw.display_name === "string" ? raw.display_name : name,
    language: typeof raw.language === "string" ? raw.language : "",
    interrupt_mode: raw.interrupt_mode === "message" ? "message" : "signal",
    env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
  };
}

/** Every installed kernel by name; where two folders hold one name, the earlier folder's. */
export function findKernelSpecs(env: Env = process.env): Map<string, KernelSpec> {
  const specs = new Map<string, KernelSpec>();
  for (const folder of jupyterDataPath(env)) {
    const kernels = join(folder, "kernels");
    if (!existsSync(kernels)) continue;
    let entries: string[];
    try {
      entries = readdirSync(kernels);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      const name = entry.toLowerCase();
      if (specs.has(name)) continue;
      const spec = readSpec(name, join(kernels, entry));
      if (spec) specs.set(name, spec);
    }
  }
  return specs;
}

export function findKernelSpec(name: string, env: Env = process.env): KernelSpec | undefined {
  return findKernelSpecs(env).get(name.toLowerCase());
}

/** The command that starts the kernel, with {connection_file} and {resource_dir} filled in. */
export function kernelCommand(spec: KernelSpec, connectionFile: string): string[] {
  return spec.argv.map((arg) =>
    arg.replaceAll("{connection_file}", connectionFile).replaceAll("{resource_dir}", spec.dir),
  );
}
