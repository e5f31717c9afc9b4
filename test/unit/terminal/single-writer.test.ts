// Structural proof that every message is sanitized: outside the terminal UI (which owns its screen
// through Ink), only src/terminal/writer.ts touches process.stdout and process.stderr.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../integration/run/helpers.js";

const WRITER = "src/terminal/writer.ts";
/** A build-time script run by hand, not part of the command. */
const DEV_SCRIPTS = new Set(["src/notebook/schema/generate-validator.ts"]);
const DIRECT = /process\.(stdout|stderr)\b|console\.|\bprocess\.\s*\[\s*["'](stdout|stderr)/;

function sources(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...sources(path));
    else if (/\.(ts|tsx|mts)$/.test(entry.name)) found.push(path);
  }
  return found;
}

describe("one writer for stdout and stderr", () => {
  it("nothing but the writer writes to them directly", () => {
    const files = [...sources(join(ROOT, "src")), ...sources(join(ROOT, "bin"))]
      .map((path) => relative(ROOT, path))
      .filter((path) => !path.startsWith("src/ui/") && path !== WRITER && !DEV_SCRIPTS.has(path));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((path) =>
      readFileSync(join(ROOT, path), "utf8")
        .split("\n")
        .map((line, i) => ({ where: `${path}:${i + 1}`, line }))
        .filter(({ line }) => DIRECT.test(line)),
    );
    expect(offenders).toEqual([]);
  });

  it("the writer itself does", () => {
    expect(DIRECT.test(readFileSync(join(ROOT, WRITER), "utf8"))).toBe(true);
  });
});
