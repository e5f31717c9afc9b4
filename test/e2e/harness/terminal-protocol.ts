// What @xterm/headless does not model and the tests need: the kitty keyboard flag stacks (one per
// screen, as kitty keeps them), xterm's modifyOtherKeys, cursor visibility, OSC 52, and answers to
// the capability queries an app sends, given which terminal we pretend to be.

import type { Terminal } from "@xterm/headless";

/**
 * kitty: answers CSI ? u and keeps the kitty flag stacks; ignores modifyOtherKeys (as kitty does).
 * xterm: ignores the kitty protocol; honours and answers modifyOtherKeys (CSI > 4 ; 2 m, CSI ? 4 m).
 * legacy: neither (like VTE or an old tmux): only legacy key bytes.
 */
export type KeyboardProfile = "kitty" | "xterm" | "legacy";

export interface ProtocolState {
  kittyStacks: { main: number[]; alternate: number[] };
  modifyOtherKeys: number;
  cursorVisible: boolean;
  /** Every OSC 52 (clipboard) payload the program managed to send. */
  clipboardWrites: string[];
  /** Every title set by OSC 0/1/2. */
  titles: string[];
}

const STACK_LIMIT = 256;

export function freshProtocolState(): ProtocolState {
  return {
    kittyStacks: { main: [], alternate: [] },
    modifyOtherKeys: 0,
    cursorVisible: true,
    clipboardWrites: [],
    titles: [],
  };
}

function first(params: (number | number[])[], fallback: number): number {
  const p = params[0];
  const value = Array.isArray(p) ? p[0] : p;
  return value === undefined || value === -1 ? fallback : value;
}

/** Registers the handlers on `term`; `reply` sends bytes back to the program as the terminal. */
export function installProtocol(
  term: Terminal,
  profile: KeyboardProfile,
  state: ProtocolState,
  reply: (bytes: string) => void,
): void {
  const stack = () =>
    term.buffer.active.type === "alternate" ? state.kittyStacks.alternate : state.kittyStacks.main;
  const top = () => stack().at(-1) ?? 0;
  const kitty = profile === "kitty";
  const parser = term.parser;

  // Kitty: CSI > flags u push, CSI < n u pop, CSI = flags ; mode u set, CSI ? u query.
  parser.registerCsiHandler({ prefix: ">", final: "u" }, (params) => {
    if (!kitty) return true;
    const s = stack();
    if (s.length >= STACK_LIMIT) s.shift();
    s.push(first(params, 0));
    return true;
  });
  parser.registerCsiHandler({ prefix: "<", final: "u" }, (params) => {
    if (kitty) stack().splice(-Math.max(1, first(params, 1)));
    return true;
  });
  parser.registerCsiHandler({ prefix: "=", final: "u" }, (params) => {
    if (!kitty) return true;
    const flags = first(params, 0);
    const p1 = params[1];
    const mode = (Array.isArray(p1) ? p1[0] : p1) ?? 1;
    const s = stack();
    const current = top();
    const next = mode === 2 ? current | flags : mode === 3 ? current & ~flags : flags;
    if (s.length === 0) s.push(next);
    else s[s.length - 1] = next;
    return true;
  });
  parser.registerCsiHandler({ prefix: "?", final: "u" }, () => {
    if (kitty) reply(`\x1b[?${top()}u`);
    return true;
  });

  // xterm modifyOtherKeys: CSI > 4 ; level m sets, CSI > 4 m and CSI > 4 n reset, CSI ? 4 m asks.
  parser.registerCsiHandler({ prefix: ">", final: "m" }, (params) => {
    if (profile === "xterm" && first(params, 0) === 4) {
      const p1 = params[1];
      state.modifyOtherKeys = (Array.isArray(p1) ? p1[0] : p1) ?? 0;
    }
    return true;
  });
  parser.registerCsiHandler({ prefix: ">", final: "n" }, (params) => {
    if (profile === "xterm" && first(params, 0) === 4) state.modifyOtherKeys = 0;
    return true;
  });
  parser.registerCsiHandler({ prefix: "?", final: "m" }, (params) => {
    if (profile === "xterm" && first(params, 0) === 4) reply(`\x1b[>4;${state.modifyOtherKeys}m`);
    return true;
  });

  // XTVERSION, which some apps use to name the terminal.
  parser.registerCsiHandler({ prefix: ">", final: "q" }, () => {
    if (profile !== "legacy")
      reply(kitty ? "\x1bP>|kitty(0.39.1)\x1b\\" : "\x1bP>|XTerm(397)\x1b\\");
    return true;
  });

  // Cursor visibility (DECTCEM): observe, then let xterm handle the rest of the sequence.
  const watchModes = (set: boolean) => (params: (number | number[])[]) => {
    if (params.some((p) => p === 25)) state.cursorVisible = set;
    return false;
  };
  parser.registerCsiHandler({ prefix: "?", final: "h" }, watchModes(true));
  parser.registerCsiHandler({ prefix: "?", final: "l" }, watchModes(false));
  // DECSTR (soft reset) and RIS (full reset) show the cursor; RIS also clears the kitty stacks.
  parser.registerCsiHandler({ intermediates: "!", final: "p" }, () => {
    state.cursorVisible = true;
    return false;
  });
  parser.registerEscHandler({ final: "c" }, () => {
    state.cursorVisible = true;
    state.kittyStacks.main.length = 0;
    state.kittyStacks.alternate.length = 0;
    state.modifyOtherKeys = 0;
    return false;
  });

  parser.registerOscHandler(52, (data) => {
    state.clipboardWrites.push(data);
    return true;
  });
  term.onTitleChange((title) => state.titles.push(title));
}
