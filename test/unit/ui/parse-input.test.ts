import { describe, expect, it } from "vitest";
import {
  type InputEvent,
  InputParser,
  type KeyEvent,
  keyString,
} from "../../../src/ui/keys/parse-input.js";

/** Feeds the chunks in order, flushes at the end, and returns every event. */
function parse(...chunks: (string | Buffer)[]): InputEvent[] {
  const parser = new InputParser();
  const events = chunks.flatMap((chunk) => parser.feed(chunk));
  return [...events, ...parser.flush()];
}

/** The canonical key strings of the key events, other events as their type. */
function keys(...chunks: (string | Buffer)[]): string[] {
  return parse(...chunks).map((event) => (event.type === "key" ? keyString(event) : event.type));
}

describe("plain text and C0 controls", () => {
  it("reads letters, shifted letters and punctuation with their text", () => {
    expect(keys("jK?+ ")).toEqual(["j", "shift+k", "?", "plus", "space"]);
    const [k] = parse("K") as KeyEvent[];
    expect(k).toMatchObject({ name: "k", text: "K", shift: true, ctrl: false, alt: false });
  });

  it("decodes multi-byte UTF-8 split across chunks", () => {
    const bytes = Buffer.from("é中👩‍👩‍👧x");
    const events = parse(...[...bytes].map((byte) => Buffer.from([byte]))) as KeyEvent[];
    expect(events.map((event) => event.text).join("")).toBe("é中👩‍👩‍👧x");
    expect(events.every((event) => event.text && !event.text.includes("\ufffd"))).toBe(true);
  });

  it("gives one key per grapheme within a chunk, so a joined emoji is one insert", () => {
    const events = parse(Buffer.from("é中👩‍👩‍👧x")) as KeyEvent[];
    expect(events.map((event) => event.text)).toEqual(["é", "中", "👩‍👩‍👧", "x"]);
  });

  it("maps control bytes to ctrl keys, enter, tab and backspace", () => {
    expect(keys("\x01\x05\x12\x17\r\t\x7f\x08\n")).toEqual([
      "ctrl+a",
      "ctrl+e",
      "ctrl+r",
      "ctrl+w",
      "enter",
      "tab",
      "backspace",
      "backspace",
      "ctrl+j",
    ]);
    expect(keys("\x1d\x1c\x1f\x00")).toEqual(["ctrl+]", "ctrl+\\", "ctrl+shift+-", "ctrl+space"]);
  });
});

describe("escape and alt", () => {
  it("holds a lone ESC until flush(), then it is Escape", () => {
    const parser = new InputParser();
    expect(parser.feed("\x1b")).toEqual([]);
    expect(parser.waiting).toBe(true);
    expect(parser.flush().map((event) => keyString(event as KeyEvent))).toEqual(["escape"]);
    expect(parser.waiting).toBe(false);
  });

  it("joins ESC with the next byte as Alt, even across chunks", () => {
    expect(keys("\x1b", "x")).toEqual(["alt+x"]);
    expect(keys("\x1b\r")).toEqual(["alt+enter"]);
    expect(keys("\x1b\x7f")).toEqual(["alt+backspace"]);
    expect(keys("\x1bJ")).toEqual(["alt+shift+j"]);
    expect(keys("\x1b\x1b")).toEqual(["alt+escape"]);
    expect(keys("\x1b\x1bx")).toEqual(["escape", "alt+x"]);
  });

  it("an ESC [ or ESC O that never completes is Alt+[ or Alt+Shift+O", () => {
    expect(keys("\x1b[")).toEqual(["alt+["]);
    expect(keys("\x1bO")).toEqual(["alt+shift+o"]);
  });
});

describe("CSI and SS3 keys", () => {
  it("reads cursor, editing and function keys", () => {
    expect(keys("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F")).toEqual([
      "up",
      "down",
      "right",
      "left",
      "home",
      "end",
    ]);
    expect(keys("\x1bOA\x1bOH\x1bOP\x1bOS")).toEqual(["up", "home", "f1", "f4"]);
    expect(keys("\x1b[2~\x1b[3~\x1b[5~\x1b[6~\x1b[1~\x1b[4~")).toEqual([
      "insert",
      "delete",
      "pageup",
      "pagedown",
      "home",
      "end",
    ]);
    expect(keys("\x1b[15~\x1b[24~")).toEqual(["f5", "f12"]);
  });

  it("reads xterm modifiers", () => {
    expect(keys("\x1b[1;5C\x1b[1;3D\x1b[1;2A\x1b[1;6B")).toEqual([
      "ctrl+right",
      "alt+left",
      "shift+up",
      "ctrl+shift+down",
    ]);
    expect(keys("\x1b[6;5~\x1b[5;5~\x1b[1;5H\x1b[3;3~")).toEqual([
      "ctrl+pagedown",
      "ctrl+pageup",
      "ctrl+home",
      "alt+delete",
    ]);
    expect(keys("\x1b[1;5P\x1b[15;2~")).toEqual(["ctrl+f1", "shift+f5"]);
    expect(keys("\x1b[Z")).toEqual(["shift+tab"]);
    expect(keys("\x1bO5C")).toEqual(["ctrl+right"]);
  });

  it("reads rxvt's ESC ESC [ as Alt with the key", () => {
    expect(keys("\x1b\x1b[A")).toEqual(["alt+up"]);
  });

  it("decodes sequences split at every byte", () => {
    const input = "\x1b[1;5C\x1b[13;2u\x1b[27;5;13~a";
    expect(keys(...input.split(""))).toEqual(["ctrl+right", "shift+enter", "ctrl+enter", "a"]);
  });

  it("swallows unknown sequences instead of typing them", () => {
    expect(keys("\x1b[<0;10;5M\x1b[?1;2$y\x1b[99~\x1b[Ix")).toEqual(["x"]);
  });

  it("a CSI broken by a control byte is dropped, the control byte kept", () => {
    expect(keys("\x1b[1\ra")).toEqual(["enter", "a"]);
  });
});

describe("kitty keyboard protocol", () => {
  it("reads CSI code;mods u", () => {
    expect(keys("\x1b[13;2u\x1b[13;5u\x1b[13;3u\x1b[27u\x1b[91;5u\x1b[93;5u")).toEqual([
      "shift+enter",
      "ctrl+enter",
      "alt+enter",
      "escape",
      "ctrl+[",
      "ctrl+]",
    ]);
    expect(keys("\x1b[97;6u\x1b[122;6u\x1b[45;6u\x1b[9;2u\x1b[127;5u")).toEqual([
      "ctrl+shift+a",
      "ctrl+shift+z",
      "ctrl+shift+-",
      "shift+tab",
      "ctrl+backspace",
    ]);
    expect(keys("\x1b[97;9u")).toEqual(["super+a"]);
  });

  it("ignores key releases and unused functional keys; the keypad types digits", () => {
    expect(keys("\x1b[97;5:3u\x1b[57441u")).toEqual([]);
    const [digit] = parse("\x1b[57400u") as KeyEvent[];
    expect(digit).toMatchObject({ name: "1", text: "1" });
    expect(keys("\x1b[57414u\x1b[57417;5u")).toEqual(["enter", "ctrl+left"]);
  });

  it("ignores lock modifiers (caps lock bit) in the modifier field", () => {
    expect(keys("\x1b[13;66u")).toEqual(["shift+enter"]);
  });
});

describe("xterm modifyOtherKeys", () => {
  it("reads CSI 27;mods;code ~", () => {
    expect(keys("\x1b[27;2;13~\x1b[27;5;13~\x1b[27;5;97~\x1b[27;6;90~\x1b[27;5;93~")).toEqual([
      "shift+enter",
      "ctrl+enter",
      "ctrl+a",
      "ctrl+shift+z",
      "ctrl+]",
    ]);
  });

  it("a shift-only printable key types its shifted text", () => {
    const [key] = parse("\x1b[27;2;65~") as KeyEvent[];
    expect(key).toMatchObject({ name: "a", text: "A", shift: true });
  });
});

describe("query responses", () => {
  it("reports kitty flags, device attributes and modifyOtherKeys as responses, not keys", () => {
    expect(parse("\x1b[?1u\x1b[?62;22c\x1b[>4;2m")).toEqual([
      { type: "response", kind: "kitty-flags", flags: 1 },
      { type: "response", kind: "device-attributes", params: [62, 22] },
      { type: "response", kind: "modify-other-keys", value: 2 },
    ]);
    expect(parse("\x1b[>4m")).toEqual([{ type: "response", kind: "modify-other-keys", value: 0 }]);
  });
});

describe("terminal string answers", () => {
  it("swallows DCS, OSC and APC answers ended by ST or BEL, even split across chunks", () => {
    expect(keys("\x1bP>|kitty(0.39.1)\x1b\\x")).toEqual(["x"]);
    expect(keys("\x1b]11;rgb:0000/0000/0000\x07y")).toEqual(["y"]);
    expect(keys("\x1b_Gi=1;OK\x1b\\z")).toEqual(["z"]);
    expect(keys("\x1bP1$r0m", "\x1b", "\\a")).toEqual(["a"]);
  });

  it("still reads ESC P, ESC ] and ESC _ typed alone as Alt keys", () => {
    expect(keys("\x1bP")).toEqual(["alt+shift+p"]);
    expect(keys("\x1b]")).toEqual(["alt+]"]);
    expect(keys("\x1b]", "1")).toEqual(["alt+]", "1"]);
  });
});

describe("bracketed paste", () => {
  it("is one paste event, with line ends as \\n and escapes kept as text", () => {
    expect(parse("a\x1b[200~x\r\ny\rz\x1b[A\x1b[201~b")).toEqual([
      expect.objectContaining({ name: "a" }),
      { type: "paste", text: "x\ny\nz\x1b[A" },
      expect.objectContaining({ name: "b" }),
    ]);
  });

  it("survives markers split across chunks", () => {
    const input = "\x1b[200~hello\x1b[201~";
    for (let cut = 1; cut < input.length; cut++) {
      expect(parse(input.slice(0, cut), input.slice(cut))).toEqual([
        { type: "paste", text: "hello" },
      ]);
    }
    expect(parse(...input.split(""))).toEqual([{ type: "paste", text: "hello" }]);
  });

  it("keeps a paste open until its end marker, whatever flush() says", () => {
    const parser = new InputParser();
    expect(parser.feed("\x1b[200~abc")).toEqual([]);
    expect(parser.inPaste).toBe(true);
    expect(parser.flush()).toEqual([]);
    expect(parser.feed("\x1b")).toEqual([]);
    expect(parser.feed("[201~")).toEqual([{ type: "paste", text: "abc" }]);
  });

  it("delivers 10,000 lines in 64 KiB chunks as ONE paste event", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}: ${"x".repeat(i % 80)} 中`);
    const bytes = Buffer.from(`\x1b[200~${lines.join("\r")}\x1b[201~`);
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65536) chunks.push(bytes.subarray(at, at + 65536));
    expect(chunks.length).toBeGreaterThan(5);
    const events = parse(...chunks);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({ type: "paste", text: lines.join("\n") });
  });
});

describe("keyString", () => {
  it("orders modifiers ctrl, alt, shift, super", () => {
    expect(keyString({ name: "enter", ctrl: true, alt: true, shift: true, super: true })).toBe(
      "ctrl+alt+shift+super+enter",
    );
    expect(keyString({ name: "f5", ctrl: false, alt: false, shift: false })).toBe("f5");
  });
});
