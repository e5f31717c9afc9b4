// The terminal UI's state outside React: the open notebooks (tabs), the overlay, the cell
// clipboard, the latest message and the terminal size. React reads it through
// useSyncExternalStore. Input repaints at once; output repaints are coalesced to about 12 per
// second, so a cell streaming 200,000 lines never floods the terminal or the keyboard.

import type { Cell } from "../../notebook/index.js";
import { ExecutionQueue } from "../../queue/index.js";
import type { Registry } from "../../registry/index.js";
import { oneLine } from "../session/messages.js";
import type { NotebookSession, Repaint } from "../session/notebook-session.js";
import type { Overlay } from "./overlays.js";

const OUTPUT_REPAINT_MS = 80;
const BACKGROUND_REPAINT_MS = 1000;

export interface Message {
  text: string;
  level: "info" | "error";
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export class AppStore {
  readonly queue = new ExecutionQueue();
  sessions: NotebookSession[] = [];
  active = 0;
  overlay: Overlay | undefined;
  clipboard: Cell[] = [];
  message: Message | undefined;
  size: TerminalSize;
  /** The shared registry every notebook's kernel uses (the registry panel shows it). */
  registry: Registry | undefined;
  /** How notebooks open (--python, --kernel, --gateway): the command line's, for every tab. */
  openOptions: { python?: string; kernelName?: string; gateway?: string } = {};
  /** The help screen's rows; the entry point sets it from the key registry. */
  helpLines: () => string[] = () => [];
  /** Set when the user asked to quit; the entry point waits for it. */
  exitCode: number | undefined;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private outputTimer: NodeJS.Timeout | undefined;
  private backgroundTimer: NodeJS.Timeout | undefined;
  private inputPending = false;
  private readonly exitWaiters: ((code: number) => void)[] = [];

  constructor(size: TerminalSize) {
    this.size = size;
    this.queue.on("event", (event) => {
      this.sessions.find((session) => session.id === event.notebookId)?.handleQueueEvent(event);
    });
  }

  get session(): NotebookSession | undefined {
    return this.sessions[this.active];
  }

  // ---- repaint ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  repaint = (kind: Repaint = "input"): void => {
    if (kind === "output") {
      this.outputTimer ??= setTimeout(() => {
        this.outputTimer = undefined;
        this.notify();
      }, OUTPUT_REPAINT_MS);
      return;
    }
    // Several changes from one key press make one frame.
    if (this.inputPending) return;
    this.inputPending = true;
    queueMicrotask(() => {
      this.inputPending = false;
      this.notify();
    });
  };

  /**
   * A session's change: output of a notebook in a background tab only updates its tab badge,
   * so it repaints at most once a second and never competes with the keys of the active one.
   */
  repaintFor(session: NotebookSession, kind: Repaint): void {
    if (kind === "input" || session === this.session) {
      this.repaint(kind);
      return;
    }
    this.backgroundTimer ??= setTimeout(() => {
      this.backgroundTimer = undefined;
      this.repaint("output");
    }, BACKGROUND_REPAINT_MS);
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  // ---- messages, overlays, tabs ----

  say(text: string, level: Message["level"] = "info"): void {
    this.message = { text, level };
    this.repaint();
  }

  open(overlay: Overlay | undefined): void {
    const closing = this.overlay !== undefined && overlay === undefined;
    this.overlay = overlay;
    this.repaint();
    if (closing) this.onOverlayClosed();
  }

  /** Closes the overlay, runs `then` (which may open another), and only then looks for waiting input. */
  close(then?: () => void | Promise<void>): void {
    this.overlay = undefined;
    let result: void | Promise<void>;
    try {
      result = then?.();
    } finally {
      this.repaint();
      if (this.overlay === undefined) this.onOverlayClosed();
    }
    void Promise.resolve(result).catch((error: unknown) => this.say(oneLine(error), "error"));
  }

  /** Runs when an overlay closes: a cell waiting for input gets its prompt then. */
  onOverlayClosed: () => void = () => undefined;

  resize(size: TerminalSize): void {
    this.size = size;
    this.repaint();
  }

  addSession(session: NotebookSession): void {
    this.sessions.push(session);
    this.active = this.sessions.length - 1;
    this.repaint();
  }

  /** Brings a notebook's tab to the front. */
  showSession(session: NotebookSession): void {
    const index = this.sessions.indexOf(session);
    if (index === -1 || index === this.active) return;
    this.active = index;
    this.repaint();
  }

  switchTab(by: number): void {
    const count = this.sessions.length;
    if (count === 0) return;
    this.active = (((this.active + by) % count) + count) % count;
    this.repaint();
  }

  removeSession(session: NotebookSession): void {
    const index = this.sessions.indexOf(session);
    if (index === -1) return;
    this.sessions.splice(index, 1);
    this.active = Math.min(this.active, Math.max(0, this.sessions.length - 1));
    this.repaint();
  }

  /** Queued, waiting and running cells across every notebook. */
  get queueLength(): number {
    return this.sessions.reduce((sum, session) => sum + session.runs.busyCount, 0);
  }

  // ---- leaving ----

  exit(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    for (const waiter of this.exitWaiters.splice(0)) waiter(code);
  }

  whenExit(): Promise<number> {
    if (this.exitCode !== undefined) return Promise.resolve(this.exitCode);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  dispose(): void {
    if (this.outputTimer) clearTimeout(this.outputTimer);
    if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
    this.listeners.clear();
  }
}
