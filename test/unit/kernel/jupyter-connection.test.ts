import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  newConnection,
  releasePorts,
  writeConnectionFile,
} from "../../../src/kernel/jupyter/connection.js";

describe("connection files", () => {
  it("never hands out one port twice to kernels started at once", async () => {
    const infos = await Promise.all(Array.from({ length: 20 }, () => newConnection("ir")));
    const ports = infos.flatMap((i) => [
      i.shell_port,
      i.iopub_port,
      i.stdin_port,
      i.control_port,
      i.hb_port,
    ]);
    expect(new Set(ports).size).toBe(100);
    for (const info of infos) releasePorts(info);
  });

  it("writes the key to a file only its owner can read", async () => {
    const info = await newConnection("python3");
    const path = writeConnectionFile(mkdtempSync(join(tmpdir(), "oprel-conn-")), info);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(info);
    expect(info.key).toMatch(/^[0-9a-f]{64}$/);
    expect(info.signature_scheme).toBe("hmac-sha256");
    releasePorts(info);
  });
});
