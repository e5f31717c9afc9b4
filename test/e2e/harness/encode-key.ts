// How a terminal turns one key press into bytes, in the three encodings an app can ask for:
// legacy (what every terminal sends), xterm's modifyOtherKeys, and the kitty keyboard protocol.
// References: https://sw.kovidgoyal.net/kitty/keyboard-protocol/ and xterm's ctlseqs
// (modifyOtherKeys, "CSI 27 ; modifiers ; code ~").

export interface KeyboardState {
  /** Top of the kitty flag stack of the active screen (0: protocol off). */
  kittyFlags: number;
  /** xterm modifyOtherKeys level: 0 off, 1, 2. */
  modifyOtherKeys: number;
  /** DECCKM: unmodified arrows send ESC O A instead of CSI A. */
  applicationCursorKeys: boolean;
}

interface Modifiers {
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
  super: boolean;
}

const KITTY_DISAMBIGUATE = 1;
const KITTY_ALTERNATE_KEYS = 4;
const KITTY_ALL_KEYS_AS_ESCAPES = 8;

/** Keys sent as CSI [1;m] <letter>: arrows, Home, End, F1-F4. */
const LETTER_KEYS: Record<string, string> = {
  up: "A",
  down: "B",
  right: "C",
  left: "D",
  home: "H",
  end: "F",
  f1: "P",
  f2: "Q",
  f3: "R",
  f4: "S",
};

/** Keys sent as CSI n [;m] ~. */
const TILDE_KEYS: Record<string, number> = {
  insert: 2,
  delete: 3,
  pageup: 5,
  pagedown: 6,
  f5: 15,
  f6: 17,
  f7: 18,
  f8: 19,
  f9: 20,
  f10: 21,
  f11: 23,
  f12: 24,
};

/** Keys with a code point of their own (kitty numbers them by it; legacy sends the byte). */
const CODEPOINT_KEYS: Record<string, number> = {
  enter: 13,
  return: 13,
  tab: 9,
  backspace: 127,
  escape: 27,
  esc: 27,
  space: 32,
};

const ALIASES: Record<string, string> = {
  pgup: "pageup",
  pgdn: "pagedown",
  del: "delete",
  ins: "insert",
  arrowup: "up",
  arrowdown: "down",
  arrowleft: "left",
  arrowright: "right",
};

/** "ctrl+shift+enter" into modifiers and the key name (a single character stays as typed). */
export function parseKeySpec(spec: string): { key: string; mods: Modifiers } {
  // "ctrl++" is ctrl and the plus key: split on "+" only where it separates.
  const parts =
    spec.length > 1 && spec.endsWith("++")
      ? [...spec.slice(0, -2).split("+"), "+"]
      : spec.split("+");
  const key = parts.pop() ?? "";
  const mods: Modifiers = { shift: false, alt: false, ctrl: false, super: false };
  for (const part of parts) {
    const name = part.toLowerCase();
    if (name === "shift") mods.shift = true;
    else if (name === "alt" || name === "meta" || name === "option") mods.alt = true;
    else if (name === "ctrl" || name === "control") mods.ctrl = true;
    else if (name === "super" || name === "cmd") mods.super = true;
    else throw new Error(`unknown modifier "${part}" in key "${spec}"`);
  }
  if ([...key].length === 1) return { key, mods };
  const lower = key.toLowerCase();
  const name = ALIASES[lower] ?? lower;
  if (!(name in LETTER_KEYS || name in TILDE_KEYS || name in CODEPOINT_KEYS)) {
    throw new Error(`unknown key "${key}" in "${spec}"`);
  }
  return { key: name, mods };
}

function modifierParam(mods: Modifiers): number {
  return 1 + (mods.shift ? 1 : 0) + (mods.alt ? 2 : 0) + (mods.ctrl ? 4 : 0) + (mods.super ? 8 : 0);
}

const hasModifiers = (m: Modifiers) => m.shift || m.alt || m.ctrl || m.super;

/** The bytes a terminal in `state` sends for `spec` ("shift+enter", "ctrl+s", "j", "pagedown"). */
export function encodeKey(spec: string, state: KeyboardState): string {
  const { key, mods } = parseKeySpec(spec);
  if (state.kittyFlags & (KITTY_DISAMBIGUATE | KITTY_ALL_KEYS_AS_ESCAPES)) {
    return encodeKitty(key, mods, state.kittyFlags);
  }
  return encodeXterm(key, mods, state);
}

function encodeFunctional(key: string, mods: Modifiers, state: KeyboardState): string | undefined {
  const m = modifierParam(mods);
  const letter = LETTER_KEYS[key];
  if (letter) {
    if (m > 1) return `\x1b[1;${m}${letter}`;
    const ss3 = state.applicationCursorKeys || /^f[1-4]$/.test(key);
    return ss3 ? `\x1bO${letter}` : `\x1b[${letter}`;
  }
  const tilde = TILDE_KEYS[key];
  if (tilde !== undefined) return m > 1 ? `\x1b[${tilde};${m}~` : `\x1b[${tilde}~`;
  return undefined;
}

function encodeKitty(key: string, mods: Modifiers, flags: number): string {
  const m = modifierParam(mods);
  const allKeys = (flags & KITTY_ALL_KEYS_AS_ESCAPES) !== 0;
  const letter = LETTER_KEYS[key];
  if (letter) return m > 1 ? `\x1b[1;${m}${letter}` : `\x1b[${letter}`;
  const tilde = TILDE_KEYS[key];
  if (tilde !== undefined) return m > 1 ? `\x1b[${tilde};${m}~` : `\x1b[${tilde}~`;
  const named = CODEPOINT_KEYS[key];
  const shifted = named === undefined && mods.shift ? key.toUpperCase() : key;
  const code = named ?? (key.toLowerCase().codePointAt(0) as number);
  const csiU = () => {
    const alternate =
      flags & KITTY_ALTERNATE_KEYS && shifted !== key ? `:${shifted.codePointAt(0)}` : "";
    return m > 1 || alternate ? `\x1b[${code}${alternate};${m}u` : `\x1b[${code}u`;
  };
  if (allKeys) return csiU();
  // Disambiguate only: Esc and anything with ctrl/alt/super become CSI u; plain and shifted
  // text stays text; Enter, Tab and Backspace stay legacy unless modified.
  if (code === 27) return csiU();
  if (mods.ctrl || mods.alt || mods.super) return csiU();
  if (named !== undefined && named !== 32) return mods.shift ? csiU() : String.fromCharCode(named);
  return named === 32 ? " " : shifted;
}

function encodeXterm(key: string, mods: Modifiers, state: KeyboardState): string {
  const functional = encodeFunctional(key, mods, state);
  if (functional !== undefined) return functional;
  const m = modifierParam(mods);
  const named = CODEPOINT_KEYS[key];
  const code = named ?? (key.codePointAt(0) as number);
  const otherKeys = state.modifyOtherKeys;
  // Level 2 reports every modified key except shifted text; level 1 only keys whose legacy
  // byte would lose the modifier (Enter, Tab, Backspace, Space, digits and punctuation).
  const loses = named !== undefined || !/^[a-z]$/i.test(key);
  const shiftedText = named === undefined && mods.shift && !mods.ctrl && !mods.alt;
  if (hasModifiers(mods) && !shiftedText && (otherKeys >= 2 || (otherKeys === 1 && loses))) {
    if (!(key === "tab" && m === 2 && otherKeys < 2)) return `\x1b[27;${m};${code}~`;
  }
  let bytes: string;
  if (named !== undefined) {
    if (key === "tab" && mods.shift) return `${mods.alt ? "\x1b" : ""}\x1b[Z`;
    if (key === "backspace" && mods.ctrl) bytes = "\x08";
    else if (key === "space" && mods.ctrl) bytes = "\x00";
    else bytes = String.fromCharCode(named);
  } else {
    bytes = mods.shift ? key.toUpperCase() : key;
    if (mods.ctrl) bytes = controlByte(bytes) ?? bytes;
  }
  return mods.alt ? `\x1b${bytes}` : bytes;
}

/** Ctrl+letter and Ctrl+[\]^_@? as the C0 byte a terminal sends. */
function controlByte(char: string): string | undefined {
  if (char === "?") return "\x7f";
  const upper = char.toUpperCase().charCodeAt(0);
  if (upper >= 0x40 && upper <= 0x5f) return String.fromCharCode(upper & 0x1f);
  if (char === " " || char === "2") return "\x00";
  return undefined;
}
