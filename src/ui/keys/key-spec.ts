// Key strings as people write them ("Ctrl+Shift+Z", "J", "d d", "esc") turned into the canonical
// strings the parser's keyString() produces, and which keyboard protocol a key needs to arrive.

import { keyString } from "./parse-input.js";

export type KeyboardProtocol = "kitty" | "modifyOtherKeys" | "legacy";

const MODIFIERS: Record<string, "ctrl" | "alt" | "shift" | "super"> = {
  ctrl: "ctrl",
  control: "ctrl",
  alt: "alt",
  meta: "alt",
  option: "alt",
  opt: "alt",
  shift: "shift",
  super: "super",
  cmd: "super",
  command: "super",
  win: "super",
};

const NAMED_KEYS = new Set([
  "enter",
  "tab",
  "backspace",
  "escape",
  "space",
  "plus",
  "up",
  "down",
  "left",
  "right",
  "home",
  "end",
  "pageup",
  "pagedown",
  "insert",
  "delete",
  "begin",
  ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
]);

const ALIASES: Record<string, string> = {
  esc: "escape",
  return: "enter",
  del: "delete",
  ins: "insert",
  bs: "backspace",
  pgup: "pageup",
  page_up: "pageup",
  pgdn: "pagedown",
  pgdown: "pagedown",
  page_down: "pagedown",
  minus: "-",
  backslash: "\\",
  slash: "/",
  spc: "space",
};

/** One key ("ctrl+shift+z") in canonical form; throws an Error saying what is wrong. */
export function parseKey(text: string): string {
  const token = text.trim();
  if (token === "") throw new Error("an empty key");
  if (token === "+") return "plus";
  const parts = token.replace(/\+\+$/, "+plus").split("+");
  let name = parts.pop() as string;
  const mods = { ctrl: false, alt: false, shift: false, super: false };
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier)
      throw new Error(`"${part}" in "${token}" is not a modifier (ctrl, alt, shift, super)`);
    mods[modifier] = true;
  }
  if ([...name].length > 1) {
    name = name.toLowerCase();
    name = ALIASES[name] ?? name;
    if (!NAMED_KEYS.has(name) && [...name].length !== 1)
      throw new Error(`"${name}" in "${token}" is not a key name`);
  } else if (name >= "A" && name <= "Z") {
    name = name.toLowerCase();
    mods.shift = true;
  } else if (/\s/.test(name)) {
    throw new Error(`"${token}" has a blank where a key belongs (write "space")`);
  }
  return keyString({ name, ...mods });
}

/** A key or a chord of keys separated by spaces ("d d", "shift+r a"), canonical. */
export function parseKeySequence(text: string): string {
  const keys = text.trim().split(/\s+/).map(parseKey);
  return keys.join(" ");
}

function split(key: string): { name: string; mods: Set<string> } {
  const parts = key.split("+");
  const name = parts.pop() as string;
  return { name, mods: new Set(parts) };
}

// With Ctrl and no Shift, a legacy terminal sends these as distinct C0 bytes. Ctrl+I, Ctrl+M and
// Ctrl+H arrive as Tab, Enter and Backspace instead, and Ctrl+[ as Escape.
const LEGACY_CTRL = new Set([..."abcdefgjklnopqrstuvwxyz", "]", "\\", "^", "space"]);

/** The least a terminal must speak for this canonical key to reach us. */
export function protocolNeeded(key: string): KeyboardProtocol {
  const { name, mods } = split(key);
  if (mods.has("super")) return "kitty";
  if (name === "[" && mods.has("ctrl")) return "kitty";
  const ctrl = mods.has("ctrl");
  const shift = mods.has("shift");
  const single = [...name].length === 1;
  if (name === "tab") return ctrl ? "modifyOtherKeys" : "legacy";
  if (name === "enter" || name === "backspace" || name === "escape" || name === "space") {
    if (name === "space" && ctrl && !shift) return "legacy";
    return ctrl || shift ? "modifyOtherKeys" : "legacy";
  }
  if (single || name === "plus") {
    if (ctrl) {
      if (shift) return name === "-" ? "legacy" : "modifyOtherKeys";
      return LEGACY_CTRL.has(name) ? "legacy" : "modifyOtherKeys";
    }
    if (shift && !(name >= "a" && name <= "z")) return "modifyOtherKeys";
    return "legacy";
  }
  return "legacy"; // cursor, editing and function keys carry xterm modifiers everywhere
}

const STRENGTH: Record<KeyboardProtocol, number> = { legacy: 0, modifyOtherKeys: 1, kitty: 2 };

/** The least protocol that delivers every key of a sequence ("d d", "ctrl+shift+z"). */
export function sequenceNeeds(sequence: string): KeyboardProtocol {
  return sequence
    .split(" ")
    .map(protocolNeeded)
    .reduce((most, next) => (STRENGTH[next] > STRENGTH[most] ? next : most), "legacy");
}

/** Whether a terminal speaking `protocol` can deliver every key of the sequence. */
export function canDeliver(sequence: string, protocol: KeyboardProtocol): boolean {
  return STRENGTH[sequenceNeeds(sequence)] <= STRENGTH[protocol];
}

const SHOWN: Record<string, string> = {
  pageup: "PageUp",
  pagedown: "PageDown",
  escape: "Esc",
  plus: "+",
  backspace: "Backspace",
};

/** A canonical sequence as people read it: "ctrl+shift+enter" → "Ctrl+Shift+Enter", "shift+j" → "J". */
export function displayKeys(sequence: string): string {
  return sequence
    .split(" ")
    .map((key) => {
      const { name, mods } = split(key);
      if (mods.size === 1 && mods.has("shift") && /^[a-z]$/.test(name)) return name.toUpperCase();
      const shown =
        SHOWN[name] ?? (name.length > 1 ? name[0]?.toUpperCase() + name.slice(1) : name);
      return [...[...mods].map((m) => m[0]?.toUpperCase() + m.slice(1)), shown].join("+");
    })
    .join(" ");
}
