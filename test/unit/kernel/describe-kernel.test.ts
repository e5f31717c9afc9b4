import { describe, expect, it } from "vitest";
import { describeKernel, type KernelChoice, kernelspecOf } from "../../../src/kernel/choose.js";
import type { KernelSpec } from "../../../src/kernel/jupyter/kernelspec.js";

function jupyter(name: string, display_name: string, language: string): KernelChoice {
  const spec: KernelSpec = {
    name,
    dir: `/usr/share/jupyter/kernels/${name}`,
    argv: ["true"],
    display_name,
    language,
    interrupt_mode: "signal",
    env: {},
  };
  return { kind: "jupyter", spec };
}

describe("describeKernel", () => {
  it("names oprel's worker as Python", () => {
    expect(describeKernel({ kind: "worker" })).toEqual({
      language: "Python",
      name: "oprel worker",
    });
  });

  it("names a Jupyter kernel by its language, as people spell it, and its kernelspec name", () => {
    expect(describeKernel(jupyter("ir", "R", "R"))).toEqual({ language: "R", name: "ir" });
    expect(describeKernel(jupyter("julia-1.9", "Julia 1.9.3", "julia"))).toEqual({
      language: "Julia",
      name: "julia-1.9",
    });
    expect(describeKernel(jupyter("tslab", "TypeScript", "typescript")).language).toBe(
      "TypeScript",
    );
  });

  it("keeps the implementation a display name puts in brackets", () => {
    expect(describeKernel(jupyter("python3", "Python 3 (ipykernel)", "python"))).toEqual({
      language: "Python",
      name: "python3 (ipykernel)",
    });
  });

  it("names a gateway's kernel with the gateway's host", () => {
    const choice: KernelChoice = {
      kind: "gateway",
      target: { url: "http://gateway.example.org:8888/", token: "secret" },
      wanted: { name: "ir", python: false, override: false },
      language: "R",
    };
    expect(describeKernel(choice)).toEqual({
      language: "R",
      name: "ir",
      host: "gateway.example.org:8888",
    });
    expect(JSON.stringify(describeKernel(choice))).not.toContain("secret");
  });

  it("says so when a kernelspec names no language", () => {
    expect(describeKernel(jupyter("odd", "Odd", "")).language).toBe("unknown language");
  });
});

describe("kernelspecOf", () => {
  it("records what JupyterLab records on a change of kernel", () => {
    expect(kernelspecOf(jupyter("ir", "R", "R"))).toEqual({
      name: "ir",
      display_name: "R",
      language: "R",
    });
    // The worker is recorded as the python3 kernel every Python install has.
    expect(kernelspecOf({ kind: "worker" })).toEqual({
      name: "python3",
      display_name: "Python 3",
      language: "python",
    });
  });
});
