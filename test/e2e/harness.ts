// Drives a real program in a real pseudo-terminal (@lydell/node-pty) and renders what it writes with
// a real terminal emulator (@xterm/headless), so tests and benchmarks see the screen a user would.
// Every wait is event-driven: it is checked again each time the emulator finishes parsing output.

import pty from "@lydell/node-pty";
import xterm from "@xterm/headless";
import { encodeKey } from "./harness/encode-key.js";
import {
  freshProtocolState,
  installProtocol,
  type KeyboardProfile,
  type ProtocolState,
} from "./harness/terminal-protocol.js";

export type { KeyboardProfile } from "./harness/terminal-protocol.js";

export interface TerminalOptions {
  command: string;
  args?: string[];
  cols?: number;
  rows?: number;
  /** Added to the inherited environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Which terminal to pretend to be when the program asks (default "xterm"). */
  keyboard?: KeyboardProfile;
  /** Text already on the main screen before the program starts, like a shell prompt. */
  before?: string;
}

export interface Modes {
  altScreen: boolean;
  bracketedPaste: boolean;
  cursorVisible: boolean;
  /** The kitty flag stack of the active screen, bottom first. */
  kittyStack: number[];
  kittyStacks: { main: number[]; alternate: number[] };
  modifyOtherKeys: number;
  applicationCursorKeys: boolean;
  applicationKeypad: boolean;
  mouseTracking: string;
  sendFocus: boolean;
  synchronizedOutput: boolean;
  insertMode: boolean;
  originMode: boolean;
  wraparound: boolean;
}

export interface ExitStatus {
  exitCode: number;
  /** The signal number that ended the program, or 0. */
  signal: number;
}

export interface WaitOptions {
  timeout?: number;
}

export type Matcher = string | RegExp;

const DEFAULT_TIMEOUT = 10_000;

/** Environment variables that would tell the program which terminal or CI it runs under. */
const SCRUBBED = [
  "CONTINUOUS_INTEGRATION",
  "TERM_PROGRAM",
  "TERM_PROGRAM_VERSION",
  "KITTY_WINDOW_ID",
  "KITTY_PID",
  "WEZTERM_PANE",
  "TMUX",
  "TMUX_PANE",
  "STY",
  "VTE_VERSION",
  "COLUMNS",
  "LINES",
];

function buildEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  // Ink renders only the final frame when CI is set; the app under test must see a real terminal.
  Object.assign(env, { TERM: "xterm-256color", COLORTERM: "truecolor", CI: "false" }, extra);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  return result;
}

function matches(text: string, what: Matcher): boolean {
  return typeof what === "string" ? text.includes(what) : what.test(text);
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class TestTerminal {
  readonly term: xterm.Terminal;
  readonly protocol: ProtocolState = freshProtocolState();
  private readonly proc: pty.IPty;
  private readonly waiters = new Set<Waiter>();
  private raw = "";
  private exitStatus: ExitStatus | undefined;
  private readonly exited: Promise<ExitStatus>;
  private pendingWrites = 0;
  /** Which terminal this pretends to be. */
  readonly keyboard: KeyboardProfile;
  /** The modes before the program wrote anything: what a well-behaved program leaves behind. */
  readonly initialModes: Modes;

  constructor(options: TerminalOptions) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.keyboard = options.keyboard ?? "xterm";
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    installProtocol(this.term, this.keyboard, this.protocol, (bytes) => this.send(bytes));
    // Replies the emulator itself produces (DA1, DSR cursor position, DECRQM) go to the program.
    this.term.onData((bytes) => this.send(bytes));
    this.initialModes = this.modes();
    if (options.before) this.term.write(options.before);
    this.proc = pty.spawn(options.command, options.args ?? [], {
      name: "xterm-256color",
      cols,
      rows,
      cwd: options.cwd ?? process.cwd(),
      env: buildEnv(options.env),
    });
    this.proc.onData((data) => {
      this.raw += data;
      this.pendingWrites++;
      this.term.write(data, () => {
        this.pendingWrites--;
        this.checkWaiters();
      });
    });
    this.exited = new Promise((resolve) => {
      this.proc.onExit(({ exitCode, signal }) => {
        // Let the emulator finish parsing what arrived before the exit.
        this.term.write("", () => {
          this.exitStatus = { exitCode, signal: signal ?? 0 };
          resolve(this.exitStatus);
          this.checkWaiters();
        });
      });
    });
  }

  get pid(): number {
    return this.proc.pid;
  }

  private send(bytes: string): void {
    if (this.exitStatus === undefined) this.proc.write(bytes);
  }

  private checkWaiters(): void {
    // Inside a synchronized update (CSI ? 2026 h) a terminal shows nothing until it ends: neither
    // does the harness, so waits and latencies see whole frames only.
    if (this.term.modes.synchronizedOutputMode && this.exitStatus === undefined) return;
    for (const waiter of this.waiters) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves when `check` holds after some output (or at once); rejects after the timeout. */
  waitFor(check: () => boolean, what: string, options: WaitOptions = {}): Promise<void> {
    if (check()) return Promise.resolve();
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}\n${this.describe()}`));
      }, timeout);
      const waiter: Waiter = {
        check: () => {
          if (check()) return true;
          // A program that has exited will never show it: fail now with the screen.
          if (this.exitStatus !== undefined && this.pendingWrites === 0) {
            clearTimeout(timer);
            this.waiters.delete(waiter);
            reject(
              new Error(
                `program exited (${JSON.stringify(this.exitStatus)}) before ${what}\n${this.describe()}`,
              ),
            );
          }
          return false;
        },
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Waits until the visible screen contains `what` (a RegExp is tested against the lines joined by \n). */
  waitForText(what: Matcher, options: WaitOptions = {}): Promise<void> {
    return this.waitFor(() => matches(this.text(), what), `screen text ${String(what)}`, options);
  }

  /** Waits until the visible screen no longer contains `what`. */
  waitForNoText(what: Matcher, options: WaitOptions = {}): Promise<void> {
    return this.waitFor(
      () => !matches(this.text(), what),
      `no screen text ${String(what)}`,
      options,
    );
  }

  /** Sends text as typed keys; "\n" is the Enter key. */
  type(text: string): void {
    this.send(text.replace(/\r?\n/g, "\r"));
  }

  /** Sends one key press encoded as this terminal would now: "j", "shift+enter", "ctrl+s", "esc". */
  press(key: string): void {
    const state = this.keyboardState();
    this.send(encodeKey(key, state));
  }

  /** Pastes text as a terminal does: newlines become CR, bracketed when the program asked. */
  paste(text: string): void {
    const body = text.replace(/\r?\n/g, "\r");
    this.send(this.term.modes.bracketedPasteMode ? `\x1b[200~${body}\x1b[201~` : body);
  }

  /** Writes bytes to the program unchanged. */
  write(bytes: string): void {
    this.send(bytes);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (this.exitStatus === undefined) this.proc.resize(cols, rows);
  }

  /** The visible lines of the active screen, trailing spaces trimmed. */
  screen(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(
        buffer
          .getLine(buffer.viewportY + y)
          ?.translateToString(true)
          .trimEnd() ?? "",
      );
    }
    return lines;
  }

  /**
   * The visible lines with their styling: each run of cells that share colours and attributes is
   * written as {fgMode:fg/bgMode:bg/bold,dim,italic,underline,inverse}text. For waits on changes
   * that only restyle (a selection moving).
   */
  styledScreen(): string[] {
    const buffer = this.term.buffer.active;
    const cell = buffer.getNullCell();
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      let out = "";
      let style = "";
      for (let x = 0; line && x < this.term.cols; x++) {
        line.getCell(x, cell);
        const next = cell.isAttributeDefault()
          ? ""
          : `{${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${cell.isBold()},${cell.isDim()},${cell.isItalic()},${cell.isUnderline()},${cell.isInverse()}}`;
        if (next !== style) out += next || "{}";
        style = next;
        out += cell.getChars() || (cell.getWidth() === 0 ? "" : " ");
      }
      lines.push(out.replace(/(\{\}| )+$/, ""));
    }
    return lines;
  }

  text(): string {
    return this.screen().join("\n");
  }

  /** Cursor position (0-based, within the visible screen) and visibility. */
  cursor(): { x: number; y: number; visible: boolean } {
    const buffer = this.term.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY, visible: this.protocol.cursorVisible };
  }

  /** Foreground colour of the first character of `text` on screen: a palette index, "rgb:RRGGBB", "default", or undefined when not shown. */
  foregroundOf(text: string): number | string | undefined {
    const lines = this.screen();
    const y = lines.findIndex((line) => line.includes(text));
    if (y < 0) return undefined;
    const buffer = this.term.buffer.active;
    const line = buffer.getLine(buffer.viewportY + y);
    // Columns differ from string indices when wide characters precede the text.
    const prefixColumns = [...(lines[y] as string).slice(0, (lines[y] as string).indexOf(text))]
      .length;
    let column = 0;
    for (let x = 0, chars = 0; line && x < this.term.cols; x++) {
      const cell = line.getCell(x);
      if (!cell || cell.getWidth() === 0) continue;
      if (chars === prefixColumns) {
        column = x;
        break;
      }
      chars++;
    }
    const cell = line?.getCell(column);
    if (!cell || cell.isFgDefault()) return "default";
    if (cell.isFgPalette()) return cell.getFgColor();
    return `rgb:${cell.getFgColor().toString(16).padStart(6, "0")}`;
  }

  isAltScreen(): boolean {
    return this.term.buffer.active.type === "alternate";
  }

  /** The latest window title the program set ("" if none). */
  title(): string {
    return this.protocol.titles.at(-1) ?? "";
  }

  /** Everything the program wrote, unparsed. */
  output(): string {
    return this.raw;
  }

  private keyboardState() {
    const stack = this.isAltScreen()
      ? this.protocol.kittyStacks.alternate
      : this.protocol.kittyStacks.main;
    return {
      kittyFlags: stack.at(-1) ?? 0,
      modifyOtherKeys: this.protocol.modifyOtherKeys,
      applicationCursorKeys: this.term.modes.applicationCursorKeysMode,
    };
  }

  modes(): Modes {
    const m = this.term.modes;
    const stacks = this.protocol.kittyStacks;
    return {
      altScreen: this.isAltScreen(),
      bracketedPaste: m.bracketedPasteMode,
      cursorVisible: this.protocol.cursorVisible,
      kittyStack: [...(this.isAltScreen() ? stacks.alternate : stacks.main)],
      kittyStacks: { main: [...stacks.main], alternate: [...stacks.alternate] },
      modifyOtherKeys: this.protocol.modifyOtherKeys,
      applicationCursorKeys: m.applicationCursorKeysMode,
      applicationKeypad: m.applicationKeypadMode,
      mouseTracking: m.mouseTrackingMode,
      sendFocus: m.sendFocusMode,
      synchronizedOutput: m.synchronizedOutputMode,
      insertMode: m.insertMode,
      originMode: m.originMode,
      wraparound: m.wraparoundMode,
    };
  }

  /** Sends a signal to the program (default SIGTERM). */
  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    if (this.exitStatus === undefined) process.kill(this.proc.pid, signal);
  }

  /** Resolves when the program has exited and its last output is on the screen. */
  exit(options: WaitOptions = {}): Promise<ExitStatus> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`program still running after ${timeout} ms\n${this.describe()}`)),
        timeout,
      );
      this.exited.then((status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
  }

  /** Kills the program if it still runs and waits for it: for afterEach. */
  async dispose(): Promise<void> {
    if (this.exitStatus === undefined) {
      try {
        process.kill(this.proc.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await this.exited;
    }
    this.term.dispose();
  }

  /** The screen, framed, for failure messages. */
  describe(): string {
    const c = this.cursor();
    const lines = this.screen().map((line) => `|${line}`);
    return [
      `--- screen ${this.term.cols}x${this.term.rows}, cursor ${c.x},${c.y}${this.isAltScreen() ? ", alternate" : ""} ---`,
      ...lines,
      "---",
    ].join("\n");
  }
}

/** Starts `command` in a new pseudo-terminal; resolves once it is spawned. */
export async function startTerminal(options: TerminalOptions): Promise<TestTerminal> {
  const terminal = new TestTerminal(options);
  if (options.before) await new Promise<void>((resolve) => terminal.term.write("", resolve));
  return terminal;
}
