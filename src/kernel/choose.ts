// Which kernel runs a notebook. Python notebooks keep oprel's fast worker; a notebook whose
// metadata.kernelspec names another kernel runs in that Jupyter kernel, found where Jupyter finds
// it. `--kernel NAME` overrides the notebook; `python3-jupyter` is the real ipykernel (the
// installed `python3` kernelspec), for exact IPython behaviour. With a gateway (--gateway URL or
// OPREL_GATEWAY_URL) every notebook runs in a kernel on that server instead, Python ones in its
// Python kernel; its client library is loaded only then.

import { OprelError } from "../errors.js";
import type { JsonObject } from "../notebook/types.js";
import type { WantedKernel } from "./gateway/kernel-name.js";
import { type GatewayTarget, gatewayTarget } from "./gateway/target.js";
import { ipykernelPython } from "./jupyter/ipykernel-python.js";
import { JupyterKernel, type JupyterKernelOptions } from "./jupyter/jupyter-kernel.js";
import { findKernelSpecs, type KernelSpec } from "./jupyter/kernelspec.js";
import { Kernel } from "./kernel.js";
import type { KernelOptions, NotebookKernel } from "./types.js";

/** The name that asks for ipykernel through Jupyter instead of the worker. */
export const PYTHON_JUPYTER = "python3-jupyter";

export type KernelChoice =
  | { kind: "worker" }
  | { kind: "jupyter"; spec: KernelSpec }
  | {
      kind: "gateway";
      target: GatewayTarget;
      wanted: WantedKernel;
      /** The notebook's language, when its metadata says ("python" for a Python notebook). */
      language: string | undefined;
    };

type Env = Record<string, string | undefined>;

/** chooseKernel's refusal when no installed kernel has the name asked for (the UI offers others). */
export class KernelNotInstalledError extends OprelError {}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Throws KERNEL_START_FAILED when the kernel asked for is not installed, or the gateway URL cannot
 * be one. `gateway` is --gateway's URL; without it, OPREL_GATEWAY_URL's.
 */
export function chooseKernel(
  kernelspec: JsonObject | undefined,
  override: string | undefined,
  env: Env = process.env,
  gateway?: string,
): KernelChoice {
  const name = override ?? text(kernelspec?.name);
  const language = override === undefined ? text(kernelspec?.language) : undefined;
  const python =
    name === undefined ||
    name === PYTHON_JUPYTER ||
    /^python\d*$/i.test(name) ||
    language?.toLowerCase() === "python";
  const target = gatewayTarget(gateway, env);
  if (target)
    return {
      kind: "gateway",
      target,
      wanted: {
        name: name === PYTHON_JUPYTER ? "python3" : name,
        python,
        override: override !== undefined,
      },
      language: python ? "python" : language,
    };
  if (name === undefined) return { kind: "worker" };
  if (name !== PYTHON_JUPYTER && python) return { kind: "worker" };
  const specs = findKernelSpecs(env);
  const spec = specs.get(name === PYTHON_JUPYTER ? "python3" : name.toLowerCase());
  if (spec) return { kind: "jupyter", spec };
  const installed = [...specs.keys()].sort().join(", ") || "none";
  throw new KernelNotInstalledError(
    "KERNEL_START_FAILED",
    `No Jupyter kernel named '${name === PYTHON_JUPYTER ? "python3" : name}' is installed (installed: ${installed}).`,
    override === undefined
      ? "Install it (for R: Debian's r-cran-irkernel), or choose one with --kernel NAME."
      : "Choose an installed kernel with --kernel NAME.",
  );
}

/** What the front ends show of a kernel: "R · ir", "Python · oprel worker"; `host` for remote ones. */
export interface KernelDescription {
  /** The language as people write it: "R", "Python", "TypeScript". */
  language: string;
  name: string;
  host?: string;
}

/** Language names whose usual spelling is not just a capital first letter. */
const LANGUAGE_SPELLING: Readonly<Record<string, string>> = {
  typescript: "TypeScript",
  javascript: "JavaScript",
  matlab: "MATLAB",
  sas: "SAS",
  sql: "SQL",
};

function spellLanguage(language: string): string {
  const lower = language.toLowerCase();
  return LANGUAGE_SPELLING[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Pure: reads nothing from disk, so the status line can ask on every frame. */
export function describeKernel(choice: KernelChoice): KernelDescription {
  switch (choice.kind) {
    case "worker":
      return { language: "Python", name: "oprel worker" };
    case "jupyter": {
      const { spec } = choice;
      // "Python 3 (ipykernel)" names its implementation in brackets: keep that beside the name.
      const detail = /\(([^()]+)\)\s*$/.exec(spec.display_name)?.[1];
      return {
        language: spec.language ? spellLanguage(spec.language) : "unknown language",
        name: detail ? `${spec.name} (${detail})` : spec.name,
      };
    }
    case "gateway":
      return {
        language: choice.language ? spellLanguage(choice.language) : "unknown language",
        name: choice.wanted.name ?? "python3",
        host: new URL(choice.target.url).host,
      };
  }
}

/**
 * What "change kernel" offers: oprel's worker and the installed kernelspecs, or, with a gateway
 * (--gateway's URL, else OPREL_GATEWAY_URL), the gateway's kernels, since every kernel then runs
 * there. Reads kernelspecs from disk or asks the gateway: never call it on a keystroke's path.
 */
export async function kernelOptions(
  gateway: string | undefined,
  env: Env = process.env,
): Promise<KernelChoice[]> {
  const target = gatewayTarget(gateway, env);
  if (target === undefined)
    return [
      { kind: "worker" },
      ...[...findKernelSpecs(env).values()].map(
        (spec): KernelChoice => ({ kind: "jupyter", spec }),
      ),
    ];
  const { listGatewayKernels } = await import("./gateway/list-kernels.js");
  return (await listGatewayKernels(target)).map(
    (spec): KernelChoice => ({
      kind: "gateway",
      target,
      wanted: { name: spec.name, python: false, override: true },
      language: spec.language,
    }),
  );
}

/** The metadata.kernelspec a notebook records when it runs in this kernel (as JupyterLab's "change kernel"). */
export function kernelspecOf(choice: KernelChoice): {
  name: string;
  display_name: string;
  language: string;
} {
  switch (choice.kind) {
    case "worker":
      // The name every Python install has: the notebook opens in Jupyter too.
      return { name: "python3", display_name: "Python 3", language: "python" };
    case "jupyter": {
      const { name, display_name, language } = choice.spec;
      return { name, display_name, language };
    }
    case "gateway": {
      const name = choice.wanted.name ?? "python3";
      return { name, display_name: name, language: choice.language ?? "" };
    }
  }
}

/**
 * Starts the chosen kernel. A Python kernelspec runs the interpreter the user chose, if any;
 * the worker's options that a Jupyter kernel has no use for (the registry) are ignored.
 */
export async function startKernel(
  choice: KernelChoice,
  options: KernelOptions,
): Promise<NotebookKernel> {
  if (choice.kind === "worker") return Kernel.start(options);
  if (choice.kind === "gateway") {
    const { GatewayKernel } = await import("./gateway/gateway-kernel.js");
    return GatewayKernel.start(choice.target, choice.wanted, {
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.cellTimeoutMs === undefined ? {} : { cellTimeoutMs: options.cellTimeoutMs }),
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    });
  }
  const python = ipykernelPython(choice.spec, options);
  const jupyter: JupyterKernelOptions = {
    cwd: options.cwd,
    ...(python === undefined ? {} : { python }),
    ...(options.memoryLimitBytes === undefined
      ? {}
      : { memoryLimitBytes: options.memoryLimitBytes }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.cellTimeoutMs === undefined ? {} : { cellTimeoutMs: options.cellTimeoutMs }),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  };
  return JupyterKernel.start(choice.spec, jupyter);
}
