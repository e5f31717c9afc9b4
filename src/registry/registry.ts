// The controller's shared registry: named values that notebooks share and fetch on purpose. It
// lives in the controller, so it outlasts any worker's crash or restart. It handles only files and
// their sizes; a value is unpickled only inside the worker that fetches it.

import { EventEmitter } from "node:events";
import { basename } from "node:path";
import { OprelError } from "../errors.js";
import type { RegistryHost, RegistryRequest } from "../kernel/index.js";
import type { JsonObject } from "../notebook/types.js";
import { NAME, type RegistryEntry } from "./entry.js";
import { formatSize } from "./size.js";
import { RegistryStore } from "./store.js";

export const DEFAULT_REGISTRY_LIMIT = 2 ** 30;

export interface RegistryOptions {
  /** The largest value, pickled, in bytes. Default 1 GiB. */
  limitBytes?: number;
  /** --registry-dir: keep entries in this folder, for later runs. */
  dir?: string;
}

/** Called with the entry once shared, or with why the wait ended without it. */
type Waiter = (outcome: RegistryEntry | string) => void;

/** A refusal the worker raises as RegistryError: one sentence, then a hint. */
class Refusal extends Error {}

export class Registry extends EventEmitter<{ change: []; waiting: [] }> implements RegistryHost {
  readonly limitBytes: number;
  private readonly entries = new Map<string, RegistryEntry>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  /** Notebooks blocked in a `%fetch --wait` now, with how many waits each. */
  private readonly blocked = new Map<string, number>();
  private closed = false;

  private constructor(
    private readonly store: RegistryStore,
    limitBytes: number,
  ) {
    super();
    this.limitBytes = limitBytes;
    for (const entry of store.load()) this.entries.set(entry.name, entry);
  }

  /** Opens the store; its staging folder goes when this process exits, however it exits. */
  static open(options: RegistryOptions = {}): Registry {
    let store: RegistryStore;
    const limitBytes = options.limitBytes ?? DEFAULT_REGISTRY_LIMIT;
    try {
      store = RegistryStore.open(options.dir, limitBytes);
    } catch (error) {
      throw new OprelError(
        "USAGE",
        `The registry folder ${options.dir ?? "(temporary)"} cannot be used: ${(error as Error).message}`,
        "Give --registry-dir a folder you can write to.",
      );
    }
    const registry = new Registry(store, limitBytes);
    process.once("exit", registry.close);
    return registry;
  }

  /** The entries, by name. */
  list(): RegistryEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): RegistryEntry | undefined {
    return this.entries.get(name);
  }

  workerEnv(): Record<string, string> {
    return {
      OPREL_REGISTRY_STAGING: this.store.staging,
      OPREL_REGISTRY_LIMIT: String(this.limitBytes),
    };
  }

  async handle(request: RegistryRequest, source: string): Promise<JsonObject> {
    try {
      if (this.closed) throw new Refusal("The registry is closed.");
      switch (request.op) {
        case "share":
          return this.share(request, source);
        case "fetch":
          return await this.fetch(request.name, request.wait_ms ?? 0, source);
        case "list":
          return { entries: this.list().map(describe) };
        default:
          throw new Refusal(
            `Unknown registry request ${JSON.stringify((request as { op: unknown }).op)}.`,
          );
      }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private share(request: Extract<RegistryRequest, { op: "share" }>, source: string): JsonObject {
    const { name, file, sizes } = request;
    // A worker runs user code: nothing it sends is taken on trust.
    const counts = Array.isArray(sizes) && sizes.every((n) => Number.isSafeInteger(n) && n >= 0);
    const size = counts ? sizes.reduce((a, b) => a + b, 0) : Number.NaN;
    const staged = typeof file === "string" ? this.store.stagedSize(file) : undefined;
    try {
      if (typeof name !== "string" || !NAME.test(name))
        throw new Refusal(`${JSON.stringify(name)} is not a variable name.`);
      if (staged === undefined) throw new Refusal(`The value of '${name}' was not handed over.`);
      if (staged !== size)
        throw new Refusal(`The value of '${name}' arrived damaged (${staged} bytes of ${size}).`);
      if (size > this.limitBytes) throw new Refusal(tooLarge(name, size, this.limitBytes));
    } catch (error) {
      if (typeof file === "string") this.store.discardStaged(file);
      throw error;
    }
    const typeName = typeof request.type_name === "string" ? request.type_name.slice(0, 200) : "?";
    const entry = this.store.keep(file, { name, source, typeName, size, time: Date.now(), sizes });
    const old = this.entries.get(name);
    this.entries.set(name, entry);
    if (old && old.file !== entry.file) this.store.discard(old.file);
    const waiting = this.waiters.get(name);
    this.waiters.delete(name);
    for (const wake of [...(waiting ?? [])]) wake(entry);
    this.emit("change");
    return { ok: true, size };
  }

  private fetch(name: string, waitMs: number, source: string): Promise<JsonObject> | JsonObject {
    const entry = this.entries.get(name);
    if (entry) return located(entry);
    if (!(waitMs > 0)) throw new Refusal(notShared(name, this.list()));
    return new Promise<JsonObject>((resolve) => {
      const waiting = this.waiters.get(name) ?? new Set<Waiter>();
      this.waiters.set(name, waiting);
      const wake: Waiter = (outcome) => {
        clearTimeout(timer);
        waiting.delete(wake);
        this.unblock(source);
        resolve(typeof outcome === "string" ? { error: outcome } : located(outcome));
      };
      const timer = setTimeout(() => wake(waitedInVain(name, waitMs)), waitMs);
      waiting.add(wake);
      this.blocked.set(source, (this.blocked.get(source) ?? 0) + 1);
      this.emit("waiting");
    });
  }

  private unblock(source: string): void {
    const count = (this.blocked.get(source) ?? 1) - 1;
    if (count > 0) this.blocked.set(source, count);
    else this.blocked.delete(source);
  }

  /** The notebooks (as the `source` of their requests) blocked in a `%fetch --wait` now. */
  waitingSources(): ReadonlySet<string> {
    return new Set(this.blocked.keys());
  }

  /** Ends every wait now, with why(name) as its error: for a run that sees nothing can share. */
  abandonWaits(why: (name: string) => string): void {
    for (const [name, waiting] of [...this.waiters]) {
      this.waiters.delete(name);
      for (const wake of [...waiting]) wake(why(name));
    }
  }

  /** Removes the staging folder (and, without --registry-dir, every value). Idempotent. */
  readonly close = (): void => {
    if (this.closed) return;
    this.closed = true;
    process.off("exit", this.close);
    // A cell still waiting gets its answer rather than blocking until its worker goes.
    this.abandonWaits((name) => `The registry closed while '${name}' was awaited.`);
    this.store.close();
  };
}

function describe(entry: RegistryEntry): JsonObject {
  return {
    name: entry.name,
    source: entry.source,
    type_name: entry.typeName,
    size: entry.size,
    time: entry.time / 1000,
  };
}

function located(entry: RegistryEntry): JsonObject {
  return { ...describe(entry), path: entry.file, sizes: entry.sizes };
}

export function tooLarge(name: string, size: number, limit: number): string {
  return `'${name}' is ${formatSize(size)} pickled, more than the registry's limit of ${formatSize(limit)}. Raise it with --registry-limit.`;
}

function notShared(name: string, entries: RegistryEntry[]): string {
  const held = entries.length ? `it holds ${entries.map((e) => e.name).join(", ")}` : "it is empty";
  return `Nothing named '${name}' is in the registry (${held}). Share it first with %share ${name} in the notebook that has it, or wait for it: %fetch ${name} --wait 30.`;
}

function waitedInVain(name: string, waitMs: number): string {
  const seconds = Number((waitMs / 1000).toFixed(3));
  return `'${name}' was not shared within ${seconds} s: this cell waited for another notebook to share '${name}' (%share ${name}), and none did. Under oprel run, the notebook that shares it must run at the same time (-j 2 or more).`;
}

/** A notebook path as the registry's table shows it. */
export function sourceLabel(source: string): string {
  return basename(source);
}
