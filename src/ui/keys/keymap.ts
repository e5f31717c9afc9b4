// The key map (defaults plus the user's changes) and the resolver that turns input events into
// commands, inserts and pastes, keeping chord state ("d d") between keys.

import { COMMANDS, type CommandId, DEFAULT_BINDINGS, MODES, type Mode } from "./bindings.js";
import { canDeliver, type KeyboardProtocol, parseKeySequence, sequenceNeeds } from "./key-spec.js";
import { type InputEvent, keyString } from "./parse-input.js";

export interface Binding {
  mode: Mode;
  /** Canonical key sequence: keys separated by single spaces ("ctrl+s", "d d"). */
  keys: string;
  command: CommandId;
}

/** A user's changes: per mode, a command's complete new list of key sequences ([] unbinds it). */
export type KeymapChanges = Partial<Record<Mode, Partial<Record<CommandId, string[]>>>>;

export class Keymap {
  private readonly exact = new Map<string, CommandId>();
  private readonly prefixes = new Set<string>();

  constructor(readonly bindings: readonly Binding[]) {
    for (const { mode, keys, command } of bindings) {
      this.exact.set(`${mode}\n${keys}`, command);
      const parts = keys.split(" ");
      for (let n = 1; n < parts.length; n++)
        this.prefixes.add(`${mode}\n${parts.slice(0, n).join(" ")}`);
    }
  }

  command(mode: Mode, keys: string): CommandId | undefined {
    return this.exact.get(`${mode}\n${keys}`);
  }

  /** True when `keys` starts a longer chord in this mode. */
  startsChord(mode: Mode, keys: string): boolean {
    return this.prefixes.has(`${mode}\n${keys}`);
  }

  /** The key sequences bound to a command in a mode, in binding order (for hints: "Save: ctrl+s"). */
  keysFor(mode: Mode, command: CommandId): string[] {
    return this.bindings.filter((b) => b.mode === mode && b.command === command).map((b) => b.keys);
  }
}

function defaultBindings(): Binding[] {
  return MODES.flatMap((mode) =>
    DEFAULT_BINDINGS[mode].flatMap(([keys, command]) =>
      (typeof keys === "string" ? [keys] : keys).map((k) => ({
        mode,
        keys: parseKeySequence(k),
        command,
      })),
    ),
  );
}

/** Two sequences clash when they are equal or one starts the other ("d" and "d d"). */
export function overlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/**
 * The defaults with the user's changes applied: a changed command loses its default keys and gets
 * the new ones, and a default whose keys clash with a user's keys ("d" against "d d") goes.
 */
export function buildKeymap(changes: KeymapChanges = {}): Keymap {
  let bindings = defaultBindings();
  for (const mode of MODES) {
    const modeChanges = Object.entries(changes[mode] ?? {}) as [CommandId, string[]][];
    const changed = new Set(modeChanges.map(([command]) => command));
    const taken = new Set(modeChanges.flatMap(([, keys]) => keys));
    bindings = bindings.filter(
      (b) =>
        b.mode !== mode || (!changed.has(b.command) && ![...taken].some((k) => overlap(k, b.keys))),
    );
    for (const [command, keys] of modeChanges) {
      for (const k of keys) bindings.push({ mode, keys: k, command });
    }
  }
  return new Keymap(bindings);
}

export type Resolution =
  | { command: CommandId }
  | { pending: true }
  | { insert: string }
  | { paste: string }
  | { none: true };

const NONE: Resolution = { none: true };

/** Modes where unbound printable keys type text. */
const TYPING_MODES: ReadonlySet<Mode> = new Set(["edit", "prompt"]);

export interface ResolverOptions {
  /** A chord's first key is forgotten after this long without the next (JupyterLab waits ~1 s). */
  chordTimeoutMs?: number;
  now?: () => number;
}

export class KeyResolver {
  private pending: string[] = [];
  private pendingMode: Mode | undefined;
  private pendingSince = 0;
  private readonly chordTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    private keymap: Keymap,
    options: ResolverOptions = {},
  ) {
    this.chordTimeoutMs = options.chordTimeoutMs ?? 1500;
    this.now = options.now ?? Date.now;
  }

  /** The keys of an unfinished chord, for the status line ("d"). */
  get pendingKeys(): readonly string[] {
    return this.pending;
  }

  /** Swap in a new key map (the user's file changed); forgets any unfinished chord. */
  setKeymap(keymap: Keymap): void {
    this.keymap = keymap;
    this.reset();
  }

  reset(): void {
    this.pending = [];
    this.pendingMode = undefined;
  }

  resolve(mode: Mode, event: InputEvent): Resolution {
    if (event.type === "response") return NONE;
    if (
      this.pending.length > 0 &&
      (mode !== this.pendingMode || this.now() - this.pendingSince > this.chordTimeoutMs)
    ) {
      this.reset();
    }
    if (event.type === "paste") {
      this.reset();
      return mode === "pager" ? NONE : { paste: event.text };
    }
    const key = keyString(event);
    if (this.pending.length > 0) {
      const chord = [...this.pending, key].join(" ");
      this.reset();
      const found = this.lookup(mode, chord);
      if (found) return found;
      // Not a chord after all: the key counts on its own, as if the first key had not been pressed.
    }
    const found = this.lookup(mode, key);
    if (found) return found;
    if (
      TYPING_MODES.has(mode) &&
      event.text !== undefined &&
      !event.ctrl &&
      !event.alt &&
      !event.super
    ) {
      return { insert: event.text };
    }
    return NONE;
  }

  private lookup(mode: Mode, keys: string): Resolution | undefined {
    const command = this.keymap.command(mode, keys);
    if (command) return { command };
    if (!this.keymap.startsChord(mode, keys)) return undefined;
    this.pending = keys.split(" ");
    this.pendingMode = mode;
    this.pendingSince = this.now();
    return { pending: true };
  }
}

export interface BindingRow {
  mode: Mode;
  keys: string;
  command: CommandId;
  description: string;
  /** Whether this terminal, speaking `protocol`, can send these keys at all. */
  deliverable: boolean;
  /** The least protocol the keys need ("legacy" means every terminal). */
  needs: KeyboardProtocol;
}

/** Every binding, for the `?` screen and docs/keys.md, marked with what this terminal can send. */
export function describeBindings(
  caps: { keyboard: KeyboardProtocol },
  keymap: Keymap = buildKeymap(),
): BindingRow[] {
  return keymap.bindings.map(({ mode, keys, command }) => {
    return {
      mode,
      keys,
      command,
      description: COMMANDS[command],
      deliverable: canDeliver(keys, caps.keyboard),
      needs: sequenceNeeds(keys),
    };
  });
}
