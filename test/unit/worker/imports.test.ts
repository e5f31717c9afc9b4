// The worker's Python modules import one another one way: no module reaches itself through its
// imports (a circle makes start-up order fragile and half-initialised modules possible).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const WORKER = join(import.meta.dirname, "..", "..", "..", "worker", "python");

function pythonFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return pythonFiles(path);
    return entry.name.endsWith(".py") ? [path] : [];
  });
}

/** Module name -> the worker modules it imports, at the top or inside functions. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of pythonFiles(WORKER)) {
    const name = path.slice(WORKER.length + 1).replace(/\.py$/, "");
    const text = readFileSync(path, "utf8");
    const imported = [...text.matchAll(/^\s*(?:import|from)\s+(oprel_\w+)/gm)].map((m) => m[1]);
    graph.set(name, [...new Set(imported.filter((other): other is string => other !== name))]);
  }
  return graph;
}

function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const next of graph.get(name) ?? []) {
      const circle = visit(next, [...path, name]);
      if (circle) return circle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of graph.keys()) {
    const circle = visit(name, []);
    if (circle) return circle;
  }
  return undefined;
}

describe("the worker's Python imports", () => {
  it("run one way: no module imports itself through others", () => {
    const graph = importGraph();
    expect(findCircle(graph)).toBeUndefined();
    expect(graph.get("oprel_magics_shell")).toContain("oprel_magics_registry");
  });

  it("leave the magics registry at the bottom: it imports no worker module", () => {
    expect(importGraph().get("oprel_magics_registry")).toEqual([]);
  });
});
