// The one stdin parser. Raw bytes from the terminal become key, paste and query-response events.
// Terminals speak several dialects at once (legacy C0 bytes, xterm CSI with modifiers, kitty's
// CSI-u, xterm's modifyOtherKeys, bracketed paste), and a chunk boundary can fall anywhere, so the
// parser is a small state machine that keeps an incomplete tail until more bytes (or flush()) come.

import { StringDecoder } from "node:string_decoder";

export interface KeyEvent {
  type: "key";
  /** Lowercase key name: "a", "enter", "up", "f5", "pagedown", "-", "plus", "space", "[" ... */
  name: string;
  /** The text this key types, when it types any (a shifted letter gives "J"). */
  text?: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  super?: boolean;
}

export interface PasteEvent {
  type: "paste";
  /** The pasted text with line ends as "\n". */
  text: string;
}

/** Answers to the queries src/ui/terminal sends; never keys. */
export type ResponseEvent =
  | { type: "response"; kind: "kitty-flags"; flags: number }
  | { type: "response"; kind: "device-attributes"; params: number[] }
  | { type: "response"; kind: "modify-other-keys"; value: number };

export type InputEvent = KeyEvent | PasteEvent | ResponseEvent;

const ESC = "\x1b";
const PASTE_END = "\x1b[201~";

// xterm's numeric "CSI n ~" keys.
const TILDE_KEYS: Record<number, string> = {
  1: "home",
  2: "insert",
  3: "delete",
  4: "end",
  5: "pageup",
  6: "pagedown",
  7: "home",
  8: "end",
  11: "f1",
  12: "f2",
  13: "f3",
  14: "f4",
  15: "f5",
  17: "f6",
  18: "f7",
  19: "f8",
  20: "f9",
  21: "f10",
  23: "f11",
  24: "f12",
};

// "CSI 1;m X" and "SS3 X" final letters.
const LETTER_KEYS: Record<string, string> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  E: "begin",
  F: "end",
  H: "home",
  P: "f1",
  Q: "f2",
  R: "f3",
  S: "f4",
};

// Kitty's functional key codes (Private Use Area): the keypad types what its main-key twin types.
const KITTY_KEYPAD: Record<number, number> = {
  57399: 48,
  57400: 49,
  57401: 50,
  57402: 51,
  57403: 52,
  57404: 53,
  57405: 54,
  57406: 55,
  57407: 56,
  57408: 57,
  57409: 46,
  57410: 47,
  57411: 42,
  57412: 45,
  57413: 43,
  57414: 13,
  57415: 61,
};
const KITTY_KEYS: Record<number, string> = {
  57417: "left",
  57418: "right",
  57419: "up",
  57420: "down",
  57421: "pageup",
  57422: "pagedown",
  57423: "home",
  57424: "end",
  57425: "insert",
  57426: "delete",
};

// Code points that are whole keys rather than text, in CSI-u and modifyOtherKeys reports.
const CODE_KEYS: Record<number, string> = {
  8: "backspace",
  9: "tab",
  13: "enter",
  27: "escape",
  32: "space",
  43: "plus",
  127: "backspace",
};

// Kitty and xterm modifier parameter: 1 + bit field.
const SHIFT = 1;
const ALT = 2;
const CTRL = 4;
const SUPER = 8;

function key(
  name: string,
  mods: { ctrl?: boolean; alt?: boolean; shift?: boolean; super?: boolean } = {},
  text?: string,
): KeyEvent {
  const event: KeyEvent = {
    type: "key",
    name,
    ctrl: mods.ctrl ?? false,
    alt: mods.alt ?? false,
    shift: mods.shift ?? false,
  };
  if (mods.super) event.super = true;
  if (text !== undefined) event.text = text;
  return event;
}

function modsFromParam(param: number | undefined): {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  super: boolean;
} {
  const bits = Math.max(0, (param ?? 1) - 1);
  return {
    shift: (bits & SHIFT) !== 0,
    alt: (bits & ALT) !== 0,
    ctrl: (bits & CTRL) !== 0,
    super: (bits & SUPER) !== 0,
  };
}

/** The key a printable character is: letters by their lowercase name, uppercase meaning shift. */
function printableKey(char: string, alt = false): KeyEvent {
  if (char === " ") return key("space", { alt }, " ");
  if (char === "+") return key("plus", { alt }, "+");
  if (char.length === 1 && char >= "A" && char <= "Z") {
    return key(char.toLowerCase(), { alt, shift: true }, char);
  }
  return key(char, { alt }, char);
}

/** Characters used by an escape sequence: its introducer plus its body, or 0 while incomplete. */
function after(introducer: number, body: number | undefined): number {
  return body === undefined ? 0 : introducer + body;
}

/** A C0 control byte (or DEL) as the key that sends it. */
function controlKey(code: number, alt = false): KeyEvent {
  switch (code) {
    case 0x0d:
      return key("enter", { alt });
    case 0x09:
      return key("tab", { alt });
    case 0x7f:
    case 0x08:
      return key("backspace", { alt });
    case 0x1b:
      return key("escape", { alt });
    case 0x00:
      return key("space", { ctrl: true, alt });
    case 0x1c:
      return key("\\", { ctrl: true, alt });
    case 0x1d:
      return key("]", { ctrl: true, alt });
    case 0x1e:
      return key("^", { ctrl: true, alt });
    case 0x1f:
      // Ctrl+_ (Ctrl+Shift+Minus on a US layout) is the only way a legacy terminal sends it.
      return key("-", { ctrl: true, shift: true, alt });
    default:
      return key(String.fromCharCode(code + 0x60), { ctrl: true, alt });
  }
}

/** A key from a code point reported by kitty's CSI-u or xterm's modifyOtherKeys. */
function codeKey(code: number, modParam: number | undefined): KeyEvent | undefined {
  const keypad = KITTY_KEYPAD[code];
  if (keypad !== undefined) return codeKey(keypad, modParam);
  const mods = modsFromParam(modParam);
  const named = CODE_KEYS[code] ?? KITTY_KEYS[code];
  if (named)
    return key(named, mods, named === "space" && !mods.ctrl && !mods.alt ? " " : undefined);
  if (code >= 57344 && code <= 63743) return undefined; // other kitty functional keys: swallowed
  if (code < 32 || code > 0x10ffff) return undefined;
  let char = String.fromCodePoint(code);
  if (char >= "A" && char <= "Z") {
    mods.shift = true;
    char = char.toLowerCase();
  } else if (char === "_" && mods.ctrl) {
    // modifyOtherKeys may report Ctrl+Shift+Minus by its shifted character; a legacy 0x1f reads the same.
    mods.shift = true;
    char = "-";
  }
  const typesText = !mods.ctrl && !mods.alt && !mods.super;
  const text = mods.shift && char.length === 1 ? char.toUpperCase() : char;
  return key(char, mods, typesText ? text : undefined);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export class InputParser {
  private readonly decoder = new StringDecoder("utf8");
  /** Undecoded escape-sequence tail kept between chunks. */
  private pending = "";
  /** Text of a bracketed paste still waiting for its end marker. */
  private paste: string[] | undefined;
  private pasteTail = "";

  /** True while an incomplete escape sequence waits: the caller should call flush() after ~25 ms. */
  get waiting(): boolean {
    return this.pending !== "";
  }

  /** True inside a bracketed paste whose end has not arrived yet. */
  get inPaste(): boolean {
    return this.paste !== undefined;
  }

  feed(chunk: Buffer | string): InputEvent[] {
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    const events: InputEvent[] = [];
    this.consume(text, events);
    return events;
  }

  /** No more bytes came soon enough: a held ESC is the Escape key, other incomplete tails go. */
  flush(): InputEvent[] {
    const held = this.pending;
    this.pending = "";
    if (held === ESC) return [key("escape")];
    if (held === `${ESC}[`) return [printableKey("[", true)];
    if (held === `${ESC}O`) return [printableKey("O", true)];
    if (held === `${ESC}${ESC}`) return [key("escape", { alt: true })];
    return [];
  }

  private consume(input: string, events: InputEvent[]): void {
    let data = this.pending + input;
    this.pending = "";
    if (this.paste) {
      const rest = this.continuePaste(data, events);
      if (rest === undefined) return;
      data = rest;
    }
    let i = 0;
    while (i < data.length) {
      const code = data.charCodeAt(i);
      if (code === 0x1b) {
        const used = this.escape(data, i, events);
        if (used === 0) {
          this.pending = data.slice(i);
          return;
        }
        i += used;
        if (this.paste) {
          const rest = this.continuePaste(data.slice(i), events);
          if (rest === undefined) return;
          data = rest;
          i = 0;
        }
        continue;
      }
      if (code < 0x20 || code === 0x7f) {
        events.push(controlKey(code));
        i++;
        continue;
      }
      // A run of printable text: one key per grapheme, so "é" or a joined emoji is one insert.
      let end = i;
      let ascii = true;
      while (end < data.length) {
        const c = data.charCodeAt(end);
        if (c < 0x20 || c === 0x7f || c === 0x1b) break;
        if (c > 0x7e) ascii = false;
        end++;
      }
      const run = data.slice(i, end);
      if (ascii) for (const char of run) events.push(printableKey(char));
      else for (const part of segmenter.segment(run)) events.push(printableKey(part.segment));
      i = end;
    }
  }

  /** Collects paste text; returns what follows the end marker, or undefined if it has not come. */
  private continuePaste(data: string, events: InputEvent[]): string | undefined {
    const paste = this.paste as string[];
    const joined = this.pasteTail + data;
    const end = joined.indexOf(PASTE_END);
    if (end < 0) {
      // Keep a tail that might be the start of a split end marker; the rest is paste text.
      const keep = Math.min(joined.length, PASTE_END.length - 1);
      paste.push(joined.slice(0, joined.length - keep));
      this.pasteTail = joined.slice(joined.length - keep);
      return undefined;
    }
    paste.push(joined.slice(0, end));
    this.paste = undefined;
    this.pasteTail = "";
    events.push({ type: "paste", text: paste.join("").replace(/\r\n?/g, "\n") });
    return joined.slice(end + PASTE_END.length);
  }

  /** Decodes the escape sequence at data[i]; returns the characters used, 0 if incomplete. */
  private escape(data: string, i: number, events: InputEvent[]): number {
    if (i + 1 >= data.length) return 0;
    const next = data[i + 1] as string;
    if (next === "[") return after(2, this.csi(data, i + 2, events, false));
    if (next === "O") return after(2, this.ss3(data, i + 2, events, false));
    if (STRING_START[next]?.test(data[i + 2] ?? "")) return controlString(data, i);
    if (next === ESC) {
      // ESC ESC [ ... is how rxvt sends Alt with a cursor key; otherwise it is Escape twice.
      if (i + 2 >= data.length) return 0;
      const third = data[i + 2];
      if (third === "[") return after(3, this.csi(data, i + 3, events, true));
      if (third === "O") return after(3, this.ss3(data, i + 3, events, true));
      events.push(key("escape"));
      return 1;
    }
    const code = next.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      events.push(controlKey(code, true));
      return 2;
    }
    // Alt plus one character (a surrogate pair counts as one).
    const char = String.fromCodePoint(data.codePointAt(i + 1) as number);
    events.push(printableKey(char, true));
    return 1 + char.length;
  }

  /** The SS3 sequence body at data[start]: characters used, undefined if incomplete. */
  private ss3(data: string, start: number, events: InputEvent[], alt: boolean): number | undefined {
    // Some old terminals put a modifier digit between SS3 and the final letter.
    let end = start;
    while (end < data.length && /[0-9]/.test(data[end] as string)) end++;
    if (end >= data.length) return undefined;
    const final = data[end] as string;
    const mods = modsFromParam(end > start ? Number(data.slice(start, end)) : 1);
    if (alt) mods.alt = true;
    const name = LETTER_KEYS[final];
    if (name) events.push(key(name, mods));
    else if (final === "M") events.push(key("enter", mods));
    return end - start + 1;
  }

  /** The CSI sequence body at data[start]: characters used, undefined if incomplete. */
  private csi(data: string, start: number, events: InputEvent[], alt: boolean): number | undefined {
    let end = start;
    while (end < data.length) {
      const c = data.charCodeAt(end);
      if (c >= 0x40 && c <= 0x7e) break;
      if (c < 0x20 || c > 0x3f) {
        // Not a CSI after all (a stray control or text byte): drop the introducer, keep the rest.
        return end - start;
      }
      end++;
    }
    if (end >= data.length) return undefined;
    const body = data.slice(start, end);
    const final = data[end] as string;
    const used = end - start + 1;
    if (final === "~" && body === "200") {
      this.paste = [];
      this.pasteTail = "";
      return used;
    }
    const event = decodeCsi(body, final);
    if (event) {
      if (alt && event.type === "key") event.alt = true;
      events.push(event);
    }
    return used;
  }
}

// A terminal's string answers (DCS like XTVERSION "ESC P >|kitty", OSC like a colour report
// "ESC ] 11;rgb:...", APC from kitty graphics) are swallowed whole. Only a plausible body byte in the
// same chunk makes them strings: ESC P typed alone is still Alt+Shift+P.
const STRING_START: Record<string, RegExp> = { P: /[0-9>$+!|]/, "]": /[0-9]/, _: /G/ };
const STRING_LIMIT = 65536;

/** Characters used by a control string at data[i] up to its BEL or ST, 0 while it is incomplete. */
function controlString(data: string, i: number): number {
  for (let at = i + 2; at < data.length; at++) {
    const c = data.charCodeAt(at);
    if (c === 0x07) return at - i + 1;
    if (c === 0x1b) {
      if (at + 1 >= data.length) break;
      if (data[at + 1] === "\\") return at - i + 2;
      return at - i; // a new escape sequence: the string was cut short
    }
  }
  // Never wait forever for a terminator: a runaway string is dropped.
  return data.length - i > STRING_LIMIT ? data.length - i : 0;
}

/** One CSI sequence (without ESC [) as an event; undefined for anything we do not use. */
function decodeCsi(body: string, final: string): InputEvent | undefined {
  const marker =
    body[0] === "?" || body[0] === ">" || body[0] === "<" || body[0] === "=" ? body[0] : "";
  const fields = (marker ? body.slice(1) : body)
    .split(";")
    .map((field) => field.split(":").map((n) => (n === "" ? undefined : Number(n))));
  const num = (field: number, sub = 0): number | undefined => fields[field]?.[sub];
  if (marker === "?") {
    if (final === "u") return { type: "response", kind: "kitty-flags", flags: num(0) ?? 0 };
    if (final === "c") {
      const params = fields.map((f) => f[0]).filter((n): n is number => n !== undefined);
      return { type: "response", kind: "device-attributes", params };
    }
    return undefined;
  }
  if (marker === ">") {
    if (final === "m" && num(0) === 4)
      return { type: "response", kind: "modify-other-keys", value: num(1) ?? 0 };
    return undefined;
  }
  if (marker) return undefined; // "<": mouse reports and the like
  if (fields.some((f) => f.some((n) => n !== undefined && Number.isNaN(n)))) return undefined;
  // Kitty reports releases and repeats only when asked (flag 2); a release is never a key press.
  if (num(1, 1) === 3) return undefined;
  if (final === "u") {
    const code = num(0);
    return code === undefined ? undefined : codeKey(code, num(1));
  }
  if (final === "~") {
    const code = num(0);
    if (code === 27) {
      const other = num(2);
      return other === undefined ? undefined : codeKey(other, num(1));
    }
    const name = code === undefined ? undefined : TILDE_KEYS[code];
    return name ? key(name, modsFromParam(num(1))) : undefined;
  }
  if (final === "Z") return key("tab", { ...modsFromParam(num(1)), shift: true });
  const name = LETTER_KEYS[final];
  return name ? key(name, modsFromParam(num(1))) : undefined;
}

const MODIFIER_ORDER = ["ctrl", "alt", "shift", "super"] as const;

/** The canonical key string: modifiers in the order ctrl, alt, shift, super, then the name. */
export function keyString(
  event: Pick<KeyEvent, "name" | "ctrl" | "alt" | "shift" | "super">,
): string {
  const parts: string[] = [];
  for (const modifier of MODIFIER_ORDER) if (event[modifier]) parts.push(modifier);
  parts.push(event.name);
  return parts.join("+");
}
