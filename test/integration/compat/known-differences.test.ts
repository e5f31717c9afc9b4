// The allow-list stays honest: it names compared notebooks, every reason is used and documented,
// docs/compatibility.md lists exactly its entries, and verdict() flags both unlisted and stale ones.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../run/helpers.js";
import type { Difference } from "./compare.js";
import { docRow, docRows } from "./doc-rows.js";
import { KNOWN, REASONS, verdict } from "./known-differences.js";
import { corpusSubjects, EXCLUDED, ownSubjects } from "./subjects.js";

const doc = readFileSync(join(ROOT, "docs", "compatibility.md"), "utf8");

describe("the allow-list of known differences", () => {
  it("names only notebooks the differential test compares", () => {
    const compared = new Set([...corpusSubjects(), ...ownSubjects()].map((s) => s.name));
    expect(KNOWN.filter((k) => !compared.has(k.notebook))).toEqual([]);
  });

  it("uses every reason, and docs/compatibility.md explains each (bugs marked as such)", () => {
    const used = new Set(KNOWN.map((k) => k.reason));
    for (const [id, reason] of Object.entries(REASONS)) {
      expect(used.has(id as keyof typeof REASONS), `${id} is unused`).toBe(true);
      const heading = doc.split("\n").find((line) => line.startsWith(`### \`${id}\``));
      expect(heading, `docs/compatibility.md has no section for ${id}`).toBeDefined();
      expect(heading?.includes("BUG: to fix"), `${id} bug marker`).toBe(reason.bug);
      expect(reason.why.startsWith("BUG: to fix"), `${id} why`).toBe(reason.bug);
    }
  });

  it("is the table in docs/compatibility.md, row for row", () => {
    expect(docRows(doc)).toEqual(KNOWN.map(docRow));
  });

  it("leaves out only notebooks the document says it leaves out", () => {
    for (const name of Object.keys(EXCLUDED)) expect(doc, name).toContain(name);
  });
});

describe("verdict", () => {
  const found = (cell: number, field: Difference["field"]): Difference => ({
    notebook: "compat/errors.ipynb",
    cell,
    field,
    jupyter: 1,
    oprel: 2,
  });

  it("accepts listed differences, across a listed range", () => {
    const all = [
      found(6, "error"),
      ...Array.from({ length: 16 }, (_, i) => found(9 + i, "execution_count")),
    ];
    expect(verdict("compat/errors.ipynb", all)).toEqual({ unexpected: [], stale: [] });
  });

  it("reports a difference that is not listed, and a listed cell that no longer differs", () => {
    const all = [found(6, "error"), found(7, "stdout")];
    const { unexpected, stale } = verdict("compat/errors.ipynb", all);
    expect(unexpected).toEqual(["compat/errors.ipynb cell 7 stdout:\n  jupyter: 1\n  oprel:   2"]);
    expect(stale).toHaveLength(16);
    expect(stale[0]).toBe(
      "compat/errors.ipynb cell 9 execution_count (tokenize-count) no longer differs",
    );
  });
});
