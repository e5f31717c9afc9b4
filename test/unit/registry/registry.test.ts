// The controller's side of the registry with real files: what it accepts from a worker, what it
// refuses (a worker runs user code, so its requests are not trusted), waits, and --registry-dir.

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RegistryRequest } from "../../../src/kernel/index.js";
import { Registry, type RegistryOptions } from "../../../src/registry/index.js";

const opened: Registry[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const registry of opened.splice(0)) registry.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function open(options: RegistryOptions = {}): Registry {
  const registry = Registry.open(options);
  opened.push(registry);
  return registry;
}

function staging(registry: Registry): string {
  return registry.workerEnv().OPREL_REGISTRY_STAGING as string;
}

/** What a worker does: writes the bytes into the staging folder, then asks. */
function share(registry: Registry, name: string, bytes: Buffer, sizes = [bytes.length]) {
  const file = `w1-${name}.part`;
  writeFileSync(join(staging(registry), file), bytes);
  const request: RegistryRequest = {
    type: "registry",
    id: "g1",
    op: "share",
    name,
    type_name: "bytes",
    file,
    sizes,
  };
  return registry.handle(request, "/work/a.ipynb");
}

function fetch(registry: Registry, name: string, waitMs = 0) {
  return registry.handle({ type: "registry", id: "g2", op: "fetch", name, wait_ms: waitMs }, "b");
}

describe("the registry's checks on a worker's share", () => {
  it("keeps a well-formed value and answers a fetch with its file and sizes", async () => {
    const registry = open();
    expect(await share(registry, "x", Buffer.from("abcdef"), [2, 4])).toEqual({
      ok: true,
      size: 6,
    });
    const answer = await fetch(registry, "x");
    expect(answer).toMatchObject({
      name: "x",
      source: "/work/a.ipynb",
      type_name: "bytes",
      sizes: [2, 4],
    });
    expect(existsSync(answer.path as string)).toBe(true);
  });

  it("refuses a file outside the staging folder, a size that does not match, and a bad name", async () => {
    const registry = open();
    const outside = mkdtempSync(join(tmpdir(), "oprel-registry-outside-"));
    folders.push(outside);
    writeFileSync(join(outside, "secret"), "x");
    const traversal = await registry.handle(
      {
        type: "registry",
        id: "g1",
        op: "share",
        name: "s",
        type_name: "str",
        file: `../${outside.split("/").pop()}/secret`,
        sizes: [1],
      },
      "a",
    );
    expect(traversal).toEqual({ error: "The value of 's' was not handed over." });
    expect(existsSync(join(outside, "secret"))).toBe(true);
    expect(await share(registry, "y", Buffer.from("abc"), [5])).toEqual({
      error: "The value of 'y' arrived damaged (3 bytes of 5).",
    });
    const notSizes = "3" as unknown as number[]; // not even a list
    expect(await share(registry, "z", Buffer.from("abc"), notSizes)).toEqual({
      error: "The value of 'z' arrived damaged (3 bytes of NaN).",
    });
    expect(await share(registry, "no-name", Buffer.from("a"))).toEqual({
      error: '"no-name" is not a variable name.',
    });
    expect(registry.list()).toEqual([]);
    expect(readdirSync(staging(registry))).toEqual([]); // refused files are removed
  });

  it("replaces an entry and removes the old value's file", async () => {
    const registry = open();
    await share(registry, "x", Buffer.from("old"));
    const first = (await fetch(registry, "x")).path as string;
    await share(registry, "x", Buffer.from("newer"));
    expect(existsSync(first)).toBe(false);
    expect(registry.get("x")?.size).toBe(5);
  });
});

describe("waits", () => {
  it("answers a waiting fetch when the name is shared, and times out otherwise", async () => {
    const registry = open();
    const waiting = fetch(registry, "late", 5000);
    await share(registry, "late", Buffer.from("here"));
    expect(await waiting).toMatchObject({ name: "late", size: 4 });
    expect(await fetch(registry, "never", 50)).toEqual({
      error: expect.stringMatching(/^'never' was not shared within 0\.05 s/),
    });
  });

  it("answers a waiting fetch when the registry closes, instead of leaving the cell blocked", async () => {
    const registry = open();
    const waiting = fetch(registry, "late", 60_000);
    registry.close();
    expect(await waiting).toEqual({ error: "The registry closed while 'late' was awaited." });
  });
});

describe("--registry-dir", () => {
  it("gives a later registry the entries, skipping a description whose value is damaged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oprel-registry-dir-"));
    folders.push(dir);
    const first = open({ dir });
    await share(first, "kept", Buffer.from("12345"));
    await share(first, "broken", Buffer.from("123"));
    first.close();
    writeFileSync(join(dir, "broken.pickle"), "1");
    expect(readdirSync(dir).filter((name) => name.startsWith(".staging"))).toEqual([]);
    const later = open({ dir });
    expect(later.list().map((entry) => [entry.name, entry.size, entry.source])).toEqual([
      ["kept", 5, "/work/a.ipynb"],
    ]);
  });

  it.runIf(existsSync("/dev/shm"))("stages on /dev/shm, which holds files in memory", () => {
    expect(staging(open()).startsWith("/dev/shm/oprel-registry-")).toBe(true);
  });

  it("stages in the temp folder when /dev/shm has no room for the largest value", () => {
    // A container's /dev/shm is often 64 MB: large shares must not fail there.
    const folder = staging(open({ limitBytes: 2 ** 52 }));
    expect(folder.startsWith(`${tmpdir()}/oprel-registry-`)).toBe(true);
  });

  it("removes the staging folder of the default store when closed", () => {
    const registry = open();
    const folder = staging(registry);
    expect(existsSync(folder)).toBe(true);
    registry.close();
    expect(existsSync(folder)).toBe(false);
  });
});
