// Full-screen terminal modes: the alternate screen, a hidden cursor, bracketed paste, and the best
// keyboard protocol the terminal answers for. restore() undoes exactly what was turned on, once,
// with synchronous writes so it also works from an exit handler or a signal.
//
// The keyboard probe never delays the first paint: the queries go out at once, and the answers
// arrive later through attachInput() as response events, which the app hands to handleResponse().

import { writeSync } from "node:fs";
import type { KeyboardProtocol } from "../keys/key-spec.js";
import type { ResponseEvent } from "../keys/parse-input.js";

export interface TerminalCaps {
  /** What the terminal is known to deliver: "legacy" until a probe answer proves more. */
  keyboard: KeyboardProtocol;
  bracketedPaste: boolean;
  /** True once the probe has been decided (answered or timed out). */
  probed: boolean;
}

export interface Output {
  write(text: string): unknown;
  fd?: number;
}

export interface Input {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(raw: boolean): unknown;
}

export interface FullscreenOptions {
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the terminal's answers before deciding without them. */
  probeTimeoutMs?: number;
}

export interface Fullscreen {
  /** Current capabilities; updated in place when the probe answers. */
  readonly caps: TerminalCaps;
  /** Resolves with the capabilities once the probe is decided. */
  readonly ready: Promise<TerminalCaps>;
  /** Feed query responses from attachInput() here. */
  handleResponse(event: ResponseEvent): void;
  /** Leaves every mode this turned on. Idempotent; never throws. */
  restore(): void;
}

export const SEQ = {
  altScreenOn: "\x1b[?1049h",
  altScreenOff: "\x1b[?1049l",
  cursorHide: "\x1b[?25l",
  cursorShow: "\x1b[?25h",
  pasteOn: "\x1b[?2004h",
  pasteOff: "\x1b[?2004l",
  /** Kitty flags query, then modifyOtherKeys query (XTQMODKEYS), then DA1, which every terminal answers last. */
  probe: "\x1b[?u\x1b[?4m\x1b[c",
  /** Kitty: push flags 1 (disambiguate escape codes); pop restores the terminal's own flags. */
  kittyPush: "\x1b[>1u",
  kittyPop: "\x1b[<u",
  modifyOtherKeysOn: "\x1b[>4;2m",
  /** Resets modifyOtherKeys to the terminal's configured value. */
  modifyOtherKeysReset: "\x1b[>4m",
} as const;

/** Writes synchronously when there is a file descriptor: an exit handler gets no second chance. */
export function writeNow(out: Output, text: string): void {
  try {
    if (typeof out.fd === "number") {
      let buffer = Buffer.from(text);
      for (let attempt = 0; buffer.length > 0 && attempt < 100; attempt++) {
        try {
          buffer = buffer.subarray(writeSync(out.fd, buffer));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
        }
      }
    } else {
      out.write(text);
    }
  } catch {
    // The terminal is gone (a hang-up): nothing left to restore on it.
  }
}

/** xterm and terminals that copy it accept modifyOtherKeys even when they do not answer the query. */
function xtermLike(env: NodeJS.ProcessEnv): boolean {
  return /^(xterm|screen|tmux)/.test(env.TERM ?? "") && !env.VTE_VERSION;
}

export function enterFullscreen(
  out: Output,
  input: Input,
  options: FullscreenOptions = {},
): Fullscreen {
  const env = options.env ?? process.env;
  const caps: TerminalCaps = { keyboard: "legacy", bracketedPaste: true, probed: false };
  const wasRaw = input.isRaw ?? false;
  if (input.isTTY && input.setRawMode && !wasRaw) input.setRawMode(true);
  writeNow(out, SEQ.altScreenOn + SEQ.cursorHide + SEQ.pasteOn + SEQ.probe);

  let kittyOn = false;
  let modifyOtherKeysOn = false;
  let restored = false;
  let kittyAnswered = false;
  let modifyOtherKeysAnswered = false;
  let settle: (caps: TerminalCaps) => void = () => {};
  const ready = new Promise<TerminalCaps>((resolve) => {
    settle = resolve;
  });

  const enableKitty = () => {
    if (modifyOtherKeysOn) writeNow(out, SEQ.modifyOtherKeysReset);
    modifyOtherKeysOn = false;
    writeNow(out, SEQ.kittyPush);
    kittyOn = true;
    caps.keyboard = "kitty";
  };

  const enableModifyOtherKeys = () => {
    if (!modifyOtherKeysOn) writeNow(out, SEQ.modifyOtherKeysOn);
    modifyOtherKeysOn = true;
    // Only an answer proves the terminal understood; xterm-likes that stay silent get it anyway.
    if (modifyOtherKeysAnswered) caps.keyboard = "modifyOtherKeys";
  };

  const decide = () => {
    if (caps.probed || restored) return;
    clearTimeout(timer);
    caps.probed = true;
    if (kittyAnswered) enableKitty();
    else if (modifyOtherKeysAnswered || xtermLike(env)) enableModifyOtherKeys();
    settle(caps);
  };
  const timer = setTimeout(decide, options.probeTimeoutMs ?? 1000);
  timer.unref?.();

  return {
    caps,
    ready,
    handleResponse(event) {
      if (restored) return;
      if (event.kind === "kitty-flags") {
        kittyAnswered = true;
        // An answer that comes after a timed-out probe still upgrades the keyboard.
        if (caps.probed && !kittyOn) enableKitty();
      } else if (event.kind === "modify-other-keys") {
        modifyOtherKeysAnswered = true;
        if (caps.probed && !kittyOn) enableModifyOtherKeys();
      } else {
        decide();
      }
    },
    restore() {
      if (restored) return;
      restored = true;
      clearTimeout(timer);
      settle(caps);
      // Kitty keeps a flag stack per screen: pop on the alternate screen, before leaving it.
      let text = "";
      if (kittyOn) text += SEQ.kittyPop;
      if (modifyOtherKeysOn) text += SEQ.modifyOtherKeysReset;
      writeNow(out, text + SEQ.pasteOff + SEQ.cursorShow + SEQ.altScreenOff);
      try {
        if (input.isTTY && input.setRawMode && !wasRaw) input.setRawMode(false);
      } catch {
        // stdin already closed
      }
    },
  };
}
