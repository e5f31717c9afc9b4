import { describe, expect, it } from "vitest";
import { shardName, shardShare } from "../../../src/run/shard.js";

const CWD = "/work/suite";
const paths = Array.from({ length: 23 }, (_, i) => `nb/${String(i).padStart(2, "0")}.ipynb`);

function shares(list: string[], count: number, durations?: Map<string, number>): string[][] {
  return Array.from({ length: count }, (_, i) =>
    shardShare(list, { index: i + 1, count }, durations, CWD),
  );
}

describe("shardShare", () => {
  it("covers every notebook exactly once, with shares differing by at most one", () => {
    for (let count = 1; count <= 6; count++) {
      const split = shares(paths, count);
      expect(split.flat().sort()).toEqual([...paths].sort());
      const sizes = split.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("does not depend on the order or spelling of the paths", () => {
    const shuffled = [...paths].reverse().map((p, i) => (i % 2 ? `./${p}` : `${CWD}/${p}`));
    const plain = shares(paths, 4);
    const other = shares(shuffled, 4).map((share) => share.map((p) => shardName(p, CWD)).sort());
    expect(other).toEqual(plain.map((share) => [...share].sort()));
  });

  it("keeps the order given within a share", () => {
    const share = shardShare(paths, { index: 2, count: 3 }, undefined, CWD);
    expect(share).toEqual([...share].sort());
  });

  it("balances by duration: longest first onto the least-loaded share", () => {
    const durations = new Map([
      ["a.ipynb", 10_000],
      ["b.ipynb", 6_000],
      ["c.ipynb", 5_000],
      ["d.ipynb", 4_000],
      ["e.ipynb", 1_000],
    ]);
    const split = shares([...durations.keys()], 2, durations).map((s) => s.sort());
    // a (10) | b+c (11), then d onto a (14), then e onto b+c (12).
    expect(split).toEqual([
      ["a.ipynb", "d.ipynb"],
      ["b.ipynb", "c.ipynb", "e.ipynb"],
    ]);
  });

  it("counts a notebook the durations do not know as their median", () => {
    const durations = new Map([
      ["a.ipynb", 9_000],
      ["b.ipynb", 5_000],
      ["c.ipynb", 1_000],
    ]);
    // new.ipynb weighs 5 s: a | b, then new onto b (10), then c onto a (10).
    const split = shares(["a.ipynb", "b.ipynb", "c.ipynb", "new.ipynb"], 2, durations);
    expect(split.map((s) => s.sort())).toEqual([
      ["a.ipynb", "c.ipynb"],
      ["b.ipynb", "new.ipynb"],
    ]);
  });

  it("leaves shares empty when there are more shards than notebooks", () => {
    const split = shares(["one.ipynb", "two.ipynb"], 5);
    expect(split.flat().sort()).toEqual(["one.ipynb", "two.ipynb"]);
    expect(split.filter((s) => s.length === 0)).toHaveLength(3);
  });
});
