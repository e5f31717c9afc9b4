// `oprel run` on notebooks whose kernelspec is not Python: they run in that Jupyter kernel
// (Debian's IRkernel here), with outputs that match `jupyter nbconvert --execute` cell by cell.

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  writeNotebook,
} from "./helpers.js";
import { expectSameOutputs, runBoth } from "./nbconvert.js";

beforeAll(() => ensureBuilt(), 180_000);

const R = {
  kernelspec: { name: "ir", display_name: "R", language: "R" },
  language_info: { name: "R" },
};

describe("oprel run with Jupyter kernels", () => {
  it("runs an R notebook with outputs that match nbconvert's cell by cell", async () => {
    const dir = tempDir();
    const cells = [
      "x <- c(1, 2, 3)\nprint(mean(x))",
      "summary(x)",
      'message("a message")\ncat("to stdout\\n")',
      'df <- data.frame(a = 1:3, b = c("x", "y", "z"))\ndf',
      "for (i in 1:3) print(i)\ninvisible(7)",
    ];
    writeNotebook(dir, "analysis.ipynb", cells, R);
    const both = await runBoth(dir, "analysis.ipynb");
    expect(both.exitCode, both.printed).toBe(0);
    expect(both.ours).toHaveLength(cells.length);
    expectSameOutputs(both);
    expect(readNotebook(join(dir, "oprel.ipynb")).metadata.language_info).toMatchObject({
      name: "R",
    });
  }, 120_000);

  it("fails an R error with exit code 1 and the R message", async () => {
    const dir = tempDir();
    writeNotebook(dir, "bad.ipynb", ["print(1)", 'stop("boom")', "print(2)"], R);
    const run = await runCli(["run", "--no-save", "bad.ipynb"], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("boom");
    expect(run.stdout).toContain("2/3");
  }, 60_000);

  it("ends the cell as DeadKernelError with exit code 4 when the kernel dies", async () => {
    const dir = tempDir();
    writeNotebook(
      dir,
      "dies.ipynb",
      ["tools::pskill(Sys.getpid(), tools::SIGKILL)", "print(2)"],
      R,
    );
    const json = join(dir, "report.json");
    const run = await runCli(["run", "--no-save", "--json", json, "dies.ipynb"], { cwd: dir });
    expect(run.exitCode).toBe(4);
    const report = JSON.parse(execFileSync("cat", [json], { encoding: "utf8" }));
    expect(report.notebooks[0].error.ename).toBe("DeadKernelError");
  }, 60_000);

  it("runs four R notebooks at once (-j 4) without port clashes", async () => {
    const dir = tempDir();
    const names = ["a", "b", "c", "d"].map((n) => {
      writeNotebook(dir, `${n}.ipynb`, [`cat("notebook ${n}\\n")`], R);
      return `${n}.ipynb`;
    });
    const run = await runCli(["run", "-j", "4", ...names], { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    for (const n of ["a", "b", "c", "d"])
      expect(streamText(codeCells(readNotebook(join(dir, `${n}.ipynb`)))[0])).toBe(
        `notebook ${n}\n`,
      );
  }, 120_000);

  it("--kernel python3-jupyter runs a Python notebook in the real ipykernel", async () => {
    const dir = tempDir();
    writeNotebook(dir, "py.ipynb", ["type(get_ipython()).__name__"]);
    const worker = await runCli(["run", "py.ipynb", "-o", "worker.ipynb"], { cwd: dir });
    const jupyter = await runCli(
      ["run", "--kernel", "python3-jupyter", "py.ipynb", "-o", "ipykernel.ipynb"],
      {
        cwd: dir,
      },
    );
    expect(worker.exitCode).toBe(0);
    expect(jupyter.exitCode, jupyter.stdout + jupyter.stderr).toBe(0);
    const result = (file: string) =>
      codeCells(readNotebook(join(dir, file)))[0]?.outputs?.[0]?.data;
    expect(result("ipykernel.ipynb")).toEqual({ "text/plain": ["'ZMQInteractiveShell'"] });
    expect(result("worker.ipynb")).not.toEqual({ "text/plain": ["'ZMQInteractiveShell'"] });
  }, 60_000);

  it("refuses parameters for a notebook in another language's kernel: they are injected as Python", async () => {
    const dir = tempDir();
    writeNotebook(dir, "r.ipynb", [{ source: "n <- 1", tags: ["parameters"] }, "print(n)"], R);
    const run = await runCli(["run", "--no-save", "-p", "n", "2", "r.ipynb"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      "r.ipynb runs in the 'ir' kernel (R), and parameters are injected as Python code.",
    );
  }, 60_000);

  it("fails with exit code 5 and the installed kernels when the kernelspec is not installed", async () => {
    const dir = tempDir();
    writeNotebook(dir, "jl.ipynb", ["1 + 1"], {
      kernelspec: { name: "julia-1.9", display_name: "Julia", language: "julia" },
    });
    const run = await runCli(["run", "--no-save", "jl.ipynb"], { cwd: dir });
    expect(run.exitCode).toBe(5);
    expect(run.stdout).toMatch(
      /No Jupyter kernel named 'julia-1\.9' is installed \(installed: .*ir.*\)\./,
    );
    const bad = await runCli(["run", "--no-save", "--kernel", "nope", "jl.ipynb"], { cwd: dir });
    expect(bad.exitCode).toBe(5);
    expect(bad.stdout).toContain("Choose an installed kernel with --kernel NAME.");
  }, 60_000);
});
