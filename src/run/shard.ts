// CI sharding: which notebooks the i-th of n machines runs. Every machine computes the same split
// from the same command line, so the shares cover each notebook exactly once.
//
// Without durations, notebooks are ordered by a stable hash of their path relative to the working
// directory (SHA-256, '/'-separated, so `./a.ipynb` and `a.ipynb` are one name on every OS) and
// dealt round-robin: shares differ by at most one notebook. With durations from an earlier JSON
// report, the longest notebook goes first to the least-loaded share (ties to the lowest share);
// a notebook the report does not know counts as the median of those it does.

import { createHash } from "node:crypto";
import { relative, resolve, sep } from "node:path";

/** `--shard i/n`: index from 1 to count. */
export interface Shard {
  index: number;
  count: number;
}

/** The name a notebook is hashed and matched under: its path relative to `cwd`, '/'-separated. */
export function shardName(path: string, cwd = process.cwd()): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join("/");
}

function hashOf(name: string): string {
  return createHash("sha256").update(name).digest("hex");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The paths of the shard's share, in the order given. `durations` maps shard names (see
 * shardName) to milliseconds; without it the split is by hash.
 */
export function shardShare(
  paths: readonly string[],
  shard: Shard,
  durations?: ReadonlyMap<string, number>,
  cwd = process.cwd(),
): string[] {
  const entries = paths.map((path, order) => {
    const name = shardName(path, cwd);
    return { path, order, hash: hashOf(name), ms: durations?.get(name) };
  });
  // Hash order first: it breaks ties between equal durations the same way on every machine.
  entries.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.order - b.order));
  const mine = new Set<number>();
  if (durations === undefined) {
    entries.forEach((entry, i) => {
      if (i % shard.count === shard.index - 1) mine.add(entry.order);
    });
  } else {
    const fallback = median(entries.flatMap((e) => (e.ms === undefined ? [] : [e.ms])));
    const weighed = entries.map((e) => ({ ...e, ms: e.ms ?? fallback }));
    weighed.sort((a, b) => b.ms - a.ms); // stable: equal durations keep hash order
    const loads = new Array<number>(shard.count).fill(0);
    for (const entry of weighed) {
      const least = loads.indexOf(Math.min(...loads));
      loads[least] = (loads[least] as number) + entry.ms;
      if (least === shard.index - 1) mine.add(entry.order);
    }
  }
  return paths.filter((_, order) => mine.has(order));
}
