import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchTarget, predictShimTarget } from "../../../src/kernel/shim.js";

// A real pyenv-shaped folder: a shim script and two installed versions, each a real interpreter.
const root = mkdtempSync(join(tmpdir(), "oprel-pyenv-"));
const shim = join(root, "shims", "python3");
mkdirSync(join(root, "shims"));
writeFileSync(shim, '#!/usr/bin/env bash\nexec "/usr/libexec/pyenv" exec "$program" "$@"\n', {
  mode: 0o755,
});
for (const version of ["3.11.7", "3.12.1"]) {
  mkdirSync(join(root, "versions", version, "bin"), { recursive: true });
  symlinkSync("/usr/bin/python3", join(root, "versions", version, "bin", "python3"));
}
const project = join(root, "project", "sub");
mkdirSync(project, { recursive: true });
const env = { PYENV_ROOT: root, PATH: "/usr/bin" };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pyenv shim prediction", () => {
  it("follows PYENV_VERSION first, then .python-version up the tree, then the global version", () => {
    writeFileSync(join(root, "version"), "3.12.1\n");
    expect(predictShimTarget(shim, project, env)).toBe(
      join(root, "versions", "3.12.1", "bin", "python3"),
    );
    writeFileSync(join(root, "project", ".python-version"), "# pinned\n3.11.7\n");
    expect(predictShimTarget(shim, project, env)).toBe(
      join(root, "versions", "3.11.7", "bin", "python3"),
    );
    expect(predictShimTarget(shim, project, { ...env, PYENV_VERSION: "3.12.1:system" })).toBe(
      join(root, "versions", "3.12.1", "bin", "python3"),
    );
  });

  it("leaves 'system' and unknown versions to the shim", () => {
    expect(predictShimTarget(shim, project, { ...env, PYENV_VERSION: "system" })).toBeUndefined();
    expect(predictShimTarget(shim, project, { ...env, PYENV_VERSION: "9.9" })).toBeUndefined();
    expect(launchTarget(shim, project, { ...env, PYENV_VERSION: "9.9" }).file).toBe(shim);
  });

  it("launches the predicted binary with its folder first on PATH", () => {
    const launch = launchTarget(shim, project, { ...env, PYENV_VERSION: "3.11.7" });
    expect(launch.file).toBe(join(root, "versions", "3.11.7", "bin", "python3"));
    expect(launch.env.PATH?.split(":")[0]).toBe(join(root, "versions", "3.11.7", "bin"));
  });
});
