// The README's test command works as written, with or without sudo: .ci/run raises privileges
// only for apt, and only when it is not root. Installing packages and running the whole suite are
// the one boundary replaced here: dpkg, apt-get, sudo, npm and npx are stubs that log their calls.

import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./run/helpers.js";

/** The test command of the README's quick start (the line that says it runs the tests). */
function readmeTestCommand(): string {
  const line = readFileSync(join(ROOT, "README.md"), "utf8")
    .split("\n")
    .find((l) => /#.*npm test/.test(l) && !l.startsWith("npm install"));
  return (line ?? "").split("#")[0]?.trim() ?? "";
}

/** A copy of .ci/run in an empty project, with stubs first on PATH; `sudo` exists only if asked. */
function sandbox(withSudo: boolean) {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  mkdirSync(join(dir, ".ci"));
  copyFileSync(join(ROOT, ".ci", "run"), join(dir, ".ci", "run"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  chmodSync(log, 0o666);
  const stub = (name: string, body: string) => {
    writeFileSync(
      join(bin, name),
      `#!/bin/sh\necho "${name} uid=$(id -u) $*" >> ${log}\n${body}\n`,
    );
    chmodSync(join(bin, name), 0o755);
  };
  stub("dpkg", 'case "$*" in *python3-numpy*) exit 1;; esac');
  for (const name of ["apt-get", "npm", "npx"]) stub(name, "exit 0");
  if (withSudo) stub("sudo", 'exec "$@"');
  else stub("sudo", 'echo "sudo: command not found" >&2; exit 127');
  return {
    dir,
    env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
    calls: () => readFileSync(log, "utf8"),
  };
}

// Both need root: one to be root, the other to become another user.
describe.runIf(process.getuid?.() === 0)(".ci/run", () => {
  it("runs as root with no sudo, as the README writes it", () => {
    const { dir, env, calls } = sandbox(false);
    const command = readmeTestCommand();
    expect(command).toContain(".ci/run");
    const run = spawnSync("bash", ["-c", command], { cwd: dir, env, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(calls()).not.toContain("sudo");
    expect(calls()).toMatch(/^apt-get uid=0 install .*python3-numpy/m);
    expect(calls()).toMatch(/^npm uid=0 test$/m);
  });

  it("as another user, uses sudo for apt and for nothing else", () => {
    const { dir, env, calls } = sandbox(true);
    const run = spawnSync(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", ".ci/run"],
      { cwd: dir, env, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    const lines = calls().split("\n").filter(Boolean);
    expect(lines.filter((l) => l.startsWith("sudo"))).toEqual([
      "sudo uid=65534 apt-get update -qq",
      expect.stringMatching(
        /^sudo uid=65534 env DEBIAN_FRONTEND=noninteractive apt-get install .*python3-numpy/,
      ),
    ]);
    expect(lines).toContain("npm uid=65534 test");
  });
});
