import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import type { Mode } from "../../../src/ui/keys/bindings.js";
import { COMMANDS, DEFAULT_BINDINGS, MODES } from "../../../src/ui/keys/bindings.js";
import {
  canDeliver,
  displayKeys,
  parseKey,
  parseKeySequence,
} from "../../../src/ui/keys/key-spec.js";
import {
  buildKeymap,
  describeBindings,
  KeyResolver,
  type Resolution,
} from "../../../src/ui/keys/keymap.js";
import { InputParser } from "../../../src/ui/keys/parse-input.js";
import { keymapPath, loadKeymap, parseKeymapText } from "../../../src/ui/keys/user-keymap.js";

/** Resolves raw terminal bytes, as typed, in one mode. */
function type(resolver: KeyResolver, mode: Mode, ...chunks: string[]): Resolution[] {
  const parser = new InputParser();
  const events = [...chunks.flatMap((chunk) => parser.feed(chunk)), ...parser.flush()];
  return events.map((event) => resolver.resolve(mode, event));
}

const commandOf = (bytes: string, mode: Mode = "command") =>
  type(new KeyResolver(buildKeymap()), mode, bytes);

describe("key strings", () => {
  it("normalises what people write to the parser's canonical strings", () => {
    expect(parseKey("Ctrl+Shift+Z")).toBe("ctrl+shift+z");
    expect(parseKey("J")).toBe("shift+j");
    expect(parseKey("shift+J")).toBe("shift+j");
    expect(parseKey("alt+ctrl+Enter")).toBe("ctrl+alt+enter");
    expect(parseKey("esc")).toBe("escape");
    expect(parseKey("ctrl+minus")).toBe("ctrl+-");
    expect(parseKey("ctrl++")).toBe("ctrl+plus");
    expect(parseKey("PgDn")).toBe("pagedown");
    expect(parseKeySequence(" d   d ")).toBe("d d");
  });

  it("shows keys as people read them", () => {
    expect(displayKeys("ctrl+shift+enter")).toBe("Ctrl+Shift+Enter");
    expect(displayKeys("shift+j")).toBe("J");
    expect(displayKeys("d d")).toBe("d d");
    expect(displayKeys("ctrl+pagedown")).toBe("Ctrl+PageDown");
    expect(displayKeys("shift+r a")).toBe("R a");
    expect(displayKeys("escape")).toBe("Esc");
  });

  it("names what is wrong with a bad key", () => {
    expect(() => parseKey("hyper+x")).toThrow(/"hyper" in "hyper\+x" is not a modifier/);
    expect(() => parseKey("ctrl+foo")).toThrow(/"foo" in "ctrl\+foo" is not a key name/);
  });

  it("knows which keys a legacy terminal cannot send", () => {
    for (const key of [
      "j",
      "shift+j",
      "ctrl+r",
      "alt+enter",
      "shift+tab",
      "ctrl+pagedown",
      "ctrl+]",
      "ctrl+shift+-",
      "ctrl+left",
      "d d",
    ]) {
      expect(canDeliver(key, "legacy"), key).toBe(true);
    }
    for (const key of [
      "shift+enter",
      "ctrl+enter",
      "ctrl+shift+z",
      "ctrl+backspace",
      "ctrl+i",
      "ctrl+1",
    ]) {
      expect(canDeliver(key, "legacy"), key).toBe(false);
      expect(canDeliver(key, "modifyOtherKeys"), key).toBe(true);
    }
    expect(canDeliver("ctrl+[", "modifyOtherKeys")).toBe(false);
    expect(canDeliver("ctrl+[", "kitty")).toBe(true);
  });
});

describe("default bindings", () => {
  it("bind only known commands with valid keys, and no key twice or as both key and chord start", () => {
    const keymap = buildKeymap();
    for (const mode of MODES) {
      const keys = keymap.bindings.filter((b) => b.mode === mode).map((b) => b.keys);
      expect(new Set(keys).size, mode).toBe(keys.length);
      for (const k of keys) expect(keymap.startsChord(mode, k), `${mode} ${k}`).toBe(false);
    }
    for (const [, command] of Object.values(DEFAULT_BINDINGS).flat())
      expect(COMMANDS[command]).toBeTruthy();
  });

  it("reach every command of the UI contract", () => {
    const bound = new Set(buildKeymap().bindings.map((b) => b.command));
    expect(Object.keys(COMMANDS).filter((command) => !bound.has(command as never))).toEqual([]);
  });
});

describe("resolver", () => {
  it("maps JupyterLab's command-mode keys", () => {
    expect(commandOf("jkgGabxcvmyrJKMoz")).toEqual(
      [
        "cell.down",
        "cell.up",
        "cell.first",
        "cell.last",
        "cell.insertAbove",
        "cell.insertBelow",
        "cell.cut",
        "cell.copy",
        "cell.paste",
        "cell.toMarkdown",
        "cell.toCode",
        "cell.toRaw",
        "cell.extendDown",
        "cell.extendUp",
        "cell.merge",
        "cell.toggleOutput",
        "notebook.undo",
      ].map((command) => ({ command })),
    );
    expect(commandOf("Z?\r\x13q\x11")).toEqual(
      ["notebook.redo", "help.show", "mode.edit", "file.save", "app.quit", "app.quit"].map(
        (command) => ({ command }),
      ),
    );
  });

  it("runs with Shift+Enter, Ctrl+Enter and Alt+Enter, and the Ctrl+R / Ctrl+E fallbacks, in both modes", () => {
    for (const mode of ["command", "edit"] as const) {
      expect(commandOf("\x1b[13;2u\x12\x1b[13;5u\x05\x1b\r\x1b[27;2;13~", mode)).toEqual(
        [
          "run.advance",
          "run.advance",
          "run.inPlace",
          "run.inPlace",
          "run.insertBelow",
          "run.advance",
        ].map((command) => ({
          command,
        })),
      );
    }
  });

  it("waits for the second key of a chord", () => {
    expect(commandOf("dd")).toEqual([{ pending: true }, { command: "cell.delete" }]);
    expect(commandOf("ii00")).toEqual([
      { pending: true },
      { command: "kernel.interrupt" },
      { pending: true },
      { command: "kernel.restart" },
    ]);
    expect(commandOf("RaRkRjR0")).toEqual(
      ["run.all", "run.above", "run.below", "kernel.restartRunAll"].flatMap((command) => [
        { pending: true },
        { command },
      ]),
    );
  });

  it("a key that does not finish a chord counts on its own", () => {
    expect(commandOf("dj")).toEqual([{ pending: true }, { command: "cell.down" }]);
    const resolver = new KeyResolver(buildKeymap());
    expect(type(resolver, "command", "d")).toEqual([{ pending: true }]);
    expect(resolver.pendingKeys).toEqual(["d"]);
    expect(type(resolver, "command", "x")).toEqual([{ command: "cell.cut" }]);
    expect(resolver.pendingKeys).toEqual([]);
  });

  it("forgets a chord after the timeout or a mode change", () => {
    let now = 0;
    const resolver = new KeyResolver(buildKeymap(), { chordTimeoutMs: 1000, now: () => now });
    type(resolver, "command", "d");
    now = 1500;
    expect(type(resolver, "command", "d")).toEqual([{ pending: true }]);
    expect(type(resolver, "edit", "d")).toEqual([{ insert: "d" }]);
    expect(type(resolver, "command", "d")).toEqual([{ pending: true }]);
  });

  it("types unbound printable keys in edit and prompt modes, never in command mode", () => {
    expect(commandOf("dJ中 ", "edit")).toEqual([
      { insert: "d" },
      { insert: "J" },
      { insert: "中" },
      { insert: " " },
    ]);
    expect(commandOf("w", "prompt")).toEqual([{ insert: "w" }]);
    expect(commandOf("w\x1bw", "edit")).toEqual([{ insert: "w" }, { none: true }]);
    expect(commandOf("w")).toEqual([{ none: true }]);
  });

  it("gives the edit keys of the brief", () => {
    const edit = (bytes: string) =>
      commandOf(bytes, "edit").map((r) => ("command" in r ? r.command : r));
    expect(edit("\x1b[1;5D\x1bb\x1b[1;5F\x1b[1;2A\x7f\x17\x1b\x7f\r\t\x1b[Z")).toEqual([
      "editor.wordLeft",
      "editor.wordLeft",
      "editor.docEnd",
      "editor.selectUp",
      "editor.backspace",
      "editor.deleteWordBack",
      "editor.deleteWordBack",
      "editor.newline",
      "editor.tab",
      "editor.inspect",
    ]);
    expect(edit("\x1d\x1b[91;5u\x1a\x19\x1b[122;6u\x1f\x1b[45;6u\x13")).toEqual([
      "editor.indent",
      "editor.dedent",
      "editor.undo",
      "editor.redo",
      "editor.redo",
      "editor.split",
      "editor.split",
      "file.save",
    ]);
    const parser = new InputParser();
    parser.feed("\x1b");
    expect(new KeyResolver(buildKeymap()).resolve("edit", parser.flush()[0] as never)).toEqual({
      command: "mode.command",
    });
  });

  it("passes a paste through whole, and ignores terminal responses", () => {
    expect(commandOf("\x1b[200~a\rb\x1b[201~", "edit")).toEqual([{ paste: "a\nb" }]);
    expect(commandOf("\x1b[?1u\x1b[?62c")).toEqual([{ none: true }, { none: true }]);
  });

  it("has pager and prompt keys", () => {
    expect(commandOf("jk /nNq", "pager")).toEqual(
      [
        "pager.down",
        "pager.up",
        "pager.pageDown",
        "pager.search",
        "pager.next",
        "pager.prev",
        "pager.close",
      ].map((command) => ({
        command,
      })),
    );
    expect(commandOf("\r\t\x07", "prompt")).toEqual(
      ["prompt.submit", "prompt.complete", "prompt.cancel"].map((command) => ({ command })),
    );
  });
});

describe("user key map", () => {
  const dir = mkdtempSync(join(tmpdir(), "oprel-keys-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function withFile(text: string) {
    const config = mkdtempSync(join(dir, "config-"));
    mkdirSync(join(config, "oprel"));
    writeFileSync(join(config, "oprel", "keys.yaml"), text);
    return loadKeymap({ XDG_CONFIG_HOME: config });
  }

  it("lives in the XDG config folder, else ~/.config", () => {
    expect(keymapPath({ XDG_CONFIG_HOME: "/x" })).toBe("/x/oprel/keys.yaml");
    expect(keymapPath({ HOME: "/home/u" })).toBe("/home/u/.config/oprel/keys.yaml");
  });

  it("no file means the defaults, without error", () => {
    const { keymap, error } = loadKeymap({ XDG_CONFIG_HOME: join(dir, "absent") });
    expect(error).toBeUndefined();
    expect(keymap.bindings).toEqual(buildKeymap().bindings);
  });

  it("rebinds, unbinds and moves keys between commands", () => {
    const { keymap, error } = withFile(
      [
        "command:",
        "  cell.delete: [x x, shift+d]",
        "  cell.toRaw: null",
        "  run.all: R",
        "edit:",
        "  editor.split: ctrl+backslash",
        "",
      ].join("\n"),
    );
    expect(error).toBeUndefined();
    const resolver = new KeyResolver(keymap);
    expect(type(resolver, "command", "xxDrddR")).toEqual([
      { pending: true },
      { command: "cell.delete" },
      { command: "cell.delete" },
      { none: true },
      { none: true },
      { none: true },
      { command: "run.all" },
    ]);
    expect(type(resolver, "edit", "\x1c")).toEqual([{ command: "editor.split" }]);
    expect(keymap.keysFor("command", "cell.cut")).toEqual([]);
  });

  it("a bad file gives one sentence naming the file and line, and the defaults", () => {
    const cases: [string, RegExp][] = [
      ["command:\n  cell.delete: [d d\n", /line \d: is not valid YAML/],
      ["command:\n  cell.delete: d d\nedits:\n  x: y\n", /line 3: "edits" is not a mode/],
      ["command:\n  cell.dlete: d\n", /line 2: "cell.dlete" is not a command of command mode/],
      [
        "edit:\n  editor.split: ctrl+shft+minus\n",
        /line 2: "shft" in "ctrl\+shft\+minus" is not a modifier/,
      ],
      ["command:\n  run.all: [f5, {a: 1}]\n", /line 2: the keys of run.all should be text/],
      [
        "command:\n  cell.cut: d\n  cell.copy: d d\n",
        /line [23]: "d( d)?" and "d( d)?" \(cell.c\w+\) overlap in command mode/,
      ],
      [
        "command:\n  cell.cut: q\n  cell.copy: q\n",
        /line 3: "q" is bound to both cell.cut and cell.copy/,
      ],
      ["- a\n- b\n", /line 1: should map modes/],
    ];
    for (const [text, message] of cases) {
      const { keymap, error, path } = withFile(text);
      expect(error, text).toBeDefined();
      expect(isOprelError(error, "KEYMAP_INVALID")).toBe(true);
      expect(error?.message, text).toMatch(message);
      expect(error?.message.startsWith(`Key map ${path}, line `), text).toBe(true);
      expect(error?.message.split("\n")).toHaveLength(1);
      expect(keymap.bindings).toEqual(buildKeymap().bindings);
    }
  });

  it("an empty file or empty mode changes nothing", () => {
    expect(parseKeymapText("", "k.yaml")).toEqual({});
    expect(parseKeymapText("command:\n", "k.yaml")).toEqual({});
  });
});

describe("describeBindings", () => {
  it("lists every binding with its description and whether this terminal can deliver it", () => {
    const legacy = describeBindings({ keyboard: "legacy" });
    const row = (rows: typeof legacy, mode: Mode, keys: string) =>
      rows.find((r) => r.mode === mode && r.keys === keys);
    expect(row(legacy, "command", "shift+enter")).toMatchObject({
      command: "run.advance",
      description: COMMANDS["run.advance"],
      deliverable: false,
      needs: "modifyOtherKeys",
    });
    expect(row(legacy, "command", "ctrl+r")).toMatchObject({
      command: "run.advance",
      deliverable: true,
      needs: "legacy",
    });
    expect(row(legacy, "edit", "ctrl+[")).toMatchObject({ deliverable: false, needs: "kitty" });
    const xterm = describeBindings({ keyboard: "modifyOtherKeys" });
    expect(row(xterm, "command", "shift+enter")?.deliverable).toBe(true);
    expect(row(xterm, "edit", "ctrl+[")?.deliverable).toBe(false);
    expect(describeBindings({ keyboard: "kitty" }).every((r) => r.deliverable)).toBe(true);
    expect(legacy).toHaveLength(buildKeymap().bindings.length);
  });

  it("every command stays reachable on a legacy terminal through some key", () => {
    const reachable = new Set(
      describeBindings({ keyboard: "legacy" })
        .filter((r) => r.deliverable)
        .map((r) => `${r.mode} ${r.command}`),
    );
    const all = describeBindings({ keyboard: "kitty" }).map((r) => `${r.mode} ${r.command}`);
    expect(all.filter((c) => !reachable.has(c))).toEqual(["edit editor.dedent"]);
  });
});
