import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import { chooseKernel } from "../../../src/kernel/choose.js";
import {
  findKernelSpecs,
  jupyterDataPath,
  kernelCommand,
} from "../../../src/kernel/jupyter/kernelspec.js";

function dataDir(kernels: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "oprel-kernelspec-"));
  for (const [name, spec] of Object.entries(kernels)) {
    mkdirSync(join(dir, "kernels", name), { recursive: true });
    writeFileSync(
      join(dir, "kernels", name, "kernel.json"),
      typeof spec === "string" ? spec : JSON.stringify(spec),
    );
  }
  return dir;
}

const spec = (language: string, extra: Record<string, unknown> = {}) => ({
  argv: [`/opt/${language}`, "-f", "{connection_file}", "--res", "{resource_dir}/logo.png"],
  display_name: language,
  language,
  ...extra,
});

describe("kernelspec discovery", () => {
  it("searches JUPYTER_PATH, the user folder, the environment, then the system folders", () => {
    const path = jupyterDataPath({
      JUPYTER_PATH: "/a:/b",
      XDG_DATA_HOME: "/xdg",
      VIRTUAL_ENV: "/venv",
    });
    expect(path).toEqual([
      "/a",
      "/b",
      "/xdg/jupyter",
      "/venv/share/jupyter",
      "/usr/local/share/jupyter",
      "/usr/share/jupyter",
    ]);
    expect(
      jupyterDataPath({
        JUPYTER_DATA_DIR: "/data",
        CONDA_PREFIX: "/conda",
        JUPYTER_PREFER_ENV_PATH: "1",
      }),
    ).toEqual(["/conda/share/jupyter", "/data", "/usr/local/share/jupyter", "/usr/share/jupyter"]);
  });

  it("finds kernels by lower-cased name, the first folder winning, broken ones skipped", () => {
    const first = dataDir({ IR: spec("R", { interrupt_mode: "message", env: { A: 1 } }) });
    const second = dataDir({ ir: spec("shadowed"), broken: "{ not json", empty: { argv: [] } });
    const user = dataDir({ tslab: spec("typescript") });
    const specs = findKernelSpecs({ JUPYTER_PATH: `${first}:${second}`, JUPYTER_DATA_DIR: user });
    expect(specs.get("ir")).toMatchObject({
      name: "ir",
      language: "R",
      interrupt_mode: "message",
      env: { A: "1" },
      dir: join(first, "kernels", "IR"),
    });
    expect(specs.get("tslab")?.interrupt_mode).toBe("signal");
    expect(specs.has("broken")).toBe(false);
    expect(specs.has("empty")).toBe(false);
    const ir = specs.get("ir");
    if (!ir) throw new Error("ir was found above");
    expect(kernelCommand(ir, "/run/k.json")).toEqual([
      "/opt/R",
      "-f",
      "/run/k.json",
      "--res",
      `${join(first, "kernels", "IR")}/logo.png`,
    ]);
  });
});

describe("chooseKernel", () => {
  const env = {
    JUPYTER_PATH: dataDir({ ir: spec("R"), python3: spec("python") }),
    JUPYTER_DATA_DIR: "/none",
  };

  it("keeps Python notebooks, and notebooks without a kernelspec, in the worker", () => {
    expect(chooseKernel(undefined, undefined, env)).toEqual({ kind: "worker" });
    expect(chooseKernel({ name: "python3" }, undefined, env)).toEqual({ kind: "worker" });
    expect(chooseKernel({ name: "conda-env-py", language: "python" }, undefined, env)).toEqual({
      kind: "worker",
    });
  });

  it("runs another kernelspec in its Jupyter kernel; --kernel overrides the notebook", () => {
    expect(chooseKernel({ name: "ir", language: "R" }, undefined, env)).toMatchObject({
      kind: "jupyter",
      spec: { name: "ir" },
    });
    expect(chooseKernel({ name: "ir" }, "python3", env)).toEqual({ kind: "worker" });
    expect(chooseKernel({ name: "python3" }, "python3-jupyter", env)).toMatchObject({
      kind: "jupyter",
      spec: { name: "python3", language: "python" },
    });
  });

  it("names the installed kernels when the one asked for is missing", () => {
    try {
      chooseKernel({ name: "julia-1.9" }, undefined, env);
      throw new Error("expected a failure");
    } catch (error) {
      expect(isOprelError(error, "KERNEL_START_FAILED")).toBe(true);
      expect((error as Error).message).toBe(
        "No Jupyter kernel named 'julia-1.9' is installed (installed: ir, python3).",
      );
    }
  });
});
