import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import { resolveInterpreter } from "../../../src/kernel/index.js";
import { venvSearchFolders } from "../../../src/kernel/interpreter.js";

const REAL_PYTHON = "/usr/bin/python3";
const root = mkdtempSync(join(tmpdir(), "oprel-interp-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder with a working .venv/bin/python (a symlink to a real interpreter). */
function venvAt(folder: string): string {
  mkdirSync(join(folder, ".venv", "bin"), { recursive: true });
  const python = join(folder, ".venv", "bin", "python");
  symlinkSync(REAL_PYTHON, python);
  return python;
}

/** PREFIX/bin/python, as an activated virtualenv or conda environment has it. */
function envPython(prefix: string): string {
  mkdirSync(join(prefix, "bin"), { recursive: true });
  const python = join(prefix, "bin", "python");
  symlinkSync(REAL_PYTHON, python);
  return python;
}

function executableScript(path: string): string {
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, 0o755);
  return path;
}

// A PATH holding only a folder with a python3, so the machine's own environment never leaks in.
const pathDir = join(root, "pathbin");
mkdirSync(pathDir);
const pathPython = executableScript(join(pathDir, "python3"));
const cleanEnv = { PATH: pathDir };

describe("resolveInterpreter", () => {
  it("uses .venv/bin/python in the notebook's folder", async () => {
    const project = join(root, "p1");
    mkdirSync(project);
    const python = venvAt(project);
    const found = await resolveInterpreter({
      cwd: project,
      notebookPath: join(project, "a.ipynb"),
      env: cleanEnv,
    });
    expect(found).toMatchObject({ path: python, source: ".venv" });
  });

  it("finds a .venv in a parent folder, up to the folder holding .git", async () => {
    const repo = join(root, "p2");
    const nested = join(repo, "notebooks", "deep");
    mkdirSync(nested, { recursive: true });
    mkdirSync(join(repo, ".git"));
    const python = venvAt(repo);
    const found = await resolveInterpreter({ cwd: nested, env: cleanEnv });
    expect(found).toMatchObject({ path: python, source: ".venv" });
  });

  it("does not look above a folder holding .git", async () => {
    const outer = join(root, "p3");
    const repo = join(outer, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    venvAt(outer);
    const found = await resolveInterpreter({ cwd: repo, env: cleanEnv });
    expect(found).toMatchObject({ path: pathPython, source: "PATH" });
  });

  it("looks in the notebook's folder rather than the working folder", async () => {
    const project = join(root, "p4");
    const other = join(root, "p4-cwd");
    mkdirSync(project);
    mkdirSync(join(other, ".git"), { recursive: true });
    const python = venvAt(project);
    const found = await resolveInterpreter({
      cwd: other,
      notebookPath: join(project, "n.ipynb"),
      env: cleanEnv,
    });
    expect(found.path).toBe(python);
  });

  it("prefers the option, then OPREL_PYTHON, then .venv, VIRTUAL_ENV, CONDA_PREFIX, PATH", async () => {
    const project = join(root, "p5");
    mkdirSync(join(project, ".git"), { recursive: true });
    const venvPython = venvAt(project);
    const virtualEnv = join(root, "ve");
    const conda = join(root, "conda");
    const vePython = envPython(virtualEnv);
    const condaPython = envPython(conda);
    const env = {
      ...cleanEnv,
      OPREL_PYTHON: REAL_PYTHON,
      VIRTUAL_ENV: virtualEnv,
      CONDA_PREFIX: conda,
    };

    const option = await resolveInterpreter({ cwd: project, python: pathPython, env });
    expect(option).toMatchObject({ path: pathPython, source: "option" });
    expect(await resolveInterpreter({ cwd: project, env })).toMatchObject({
      path: REAL_PYTHON,
      source: "OPREL_PYTHON",
    });
    const noOprel = { ...env, OPREL_PYTHON: undefined };
    expect(await resolveInterpreter({ cwd: project, env: noOprel })).toMatchObject({
      path: venvPython,
      source: ".venv",
    });
    const elsewhere = join(root, "p5-elsewhere");
    mkdirSync(join(elsewhere, ".git"), { recursive: true });
    expect(await resolveInterpreter({ cwd: elsewhere, env: noOprel })).toMatchObject({
      path: vePython,
      source: "VIRTUAL_ENV",
    });
    expect(
      await resolveInterpreter({ cwd: elsewhere, env: { ...noOprel, VIRTUAL_ENV: undefined } }),
    ).toMatchObject({ path: condaPython, source: "CONDA_PREFIX" });
  });

  it("looks a bare interpreter name up on PATH", async () => {
    const found = await resolveInterpreter({ cwd: root, python: "python3", env: cleanEnv });
    expect(found).toMatchObject({ path: pathPython, source: "option" });
  });

  it("skips a candidate that is not executable and records it", async () => {
    const project = join(root, "p6");
    mkdirSync(join(project, ".git"), { recursive: true });
    mkdirSync(join(project, ".venv", "bin"), { recursive: true });
    const broken = join(project, ".venv", "bin", "python");
    writeFileSync(broken, "not a program");
    chmodSync(broken, 0o644);
    const found = await resolveInterpreter({ cwd: project, env: cleanEnv });
    expect(found.source).toBe("PATH");
    expect(found.tried).toContain(`${broken} (.venv): not executable`);
  });

  it("throws one INTERPRETER_NOT_FOUND error listing everything it tried", async () => {
    const project = join(root, "p7");
    mkdirSync(join(project, ".git"), { recursive: true });
    const env = { PATH: join(root, "empty-path"), VIRTUAL_ENV: join(root, "no-venv") };
    const failure = await resolveInterpreter({ cwd: project, env }).catch(
      (error: unknown) => error,
    );
    expect(isOprelError(failure, "INTERPRETER_NOT_FOUND")).toBe(true);
    const message = (failure as Error).message;
    expect(message).toContain(`.venv/bin/python (.venv): no .venv in ${project}`);
    expect(message).toContain(`${join(root, "no-venv", "bin", "python")} (VIRTUAL_ENV): not found`);
    expect(message).toContain("python3 (PATH): not found");
  });

  it("never falls back from an interpreter named by the option or OPREL_PYTHON that cannot run", async () => {
    const project = join(root, "p8");
    mkdirSync(join(project, ".git"), { recursive: true });
    const missing = join(root, "no-such-python");
    const env = { PATH: dirname(pathPython), OPREL_PYTHON: missing };
    for (const query of [{ python: missing }, {}]) {
      const failure = await resolveInterpreter({ cwd: project, env, ...query }).catch(
        (error: unknown) => error,
      );
      expect(isOprelError(failure, "INTERPRETER_NOT_FOUND")).toBe(true);
      const named = "python" in query ? `--python ${missing}` : `OPREL_PYTHON=${missing}`;
      expect((failure as Error).message).toBe(`${named} is not a usable interpreter: not found.`);
    }
  });

  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;

  it.skipIf(!asRoot)(
    "never uses a .venv in a world-writable folder another user owns, nor looks above it",
    async () => {
      const shared = join(root, "p9");
      const project = join(shared, "project");
      mkdirSync(project, { recursive: true });
      venvAt(shared);
      chownSync(shared, NOBODY, NOBODY);
      chmodSync(shared, 0o777);
      expect(venvSearchFolders(project)).toEqual([project, shared]);
      const found = await resolveInterpreter({ cwd: project, env: cleanEnv });
      expect(found).toMatchObject({ path: pathPython, source: "PATH" });
      expect(found.tried).toContain(
        `${join(shared, ".venv")} (.venv): not used, it is in a world-writable folder that you do not own`,
      );
    },
  );

  it.skipIf(!asRoot)("never uses a .venv that belongs to another user", async () => {
    const project = join(root, "p10");
    mkdirSync(join(project, ".git"), { recursive: true });
    venvAt(project);
    chownSync(join(project, ".venv"), NOBODY, NOBODY);
    const found = await resolveInterpreter({ cwd: project, env: cleanEnv });
    expect(found).toMatchObject({ path: pathPython, source: "PATH" });
    expect(found.tried).toContain(
      `${join(project, ".venv")} (.venv): not used, it belongs to another user (uid ${NOBODY})`,
    );
  });

  // /dev is a mount of its own on Linux, below / and not world-writable: the walk stops there.
  const devMount = (() => {
    try {
      accessSync("/dev", constants.W_OK);
      return statSync("/dev").dev !== statSync("/").dev;
    } catch {
      return false;
    }
  })();
  it.skipIf(!devMount)("stops at the mount boundary instead of walking on to /", () => {
    const mounted = mkdtempSync("/dev/oprel-interp-");
    try {
      const project = join(mounted, "project");
      mkdirSync(project);
      expect(venvSearchFolders(project)).toEqual([project, mounted, "/dev"]);
    } finally {
      rmSync(mounted, { recursive: true, force: true });
    }
  });
});
