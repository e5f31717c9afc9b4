import { describe, expect, it } from "vitest";
import { enterFullscreen, type Input, SEQ } from "../../../src/ui/terminal/fullscreen.js";

/** A terminal's output side that records what was written, and a TTY input that records raw mode. */
function fakeTty() {
  const written: string[] = [];
  const raw: boolean[] = [];
  const input: Input = {
    isTTY: true,
    isRaw: false,
    setRawMode(on: boolean) {
      raw.push(on);
      this.isRaw = on;
    },
  };
  return { out: { write: (text: string) => written.push(text) }, input, written, raw };
}

describe("enterFullscreen", () => {
  it("queries without waiting, and restore() undoes exactly what it turned on, once", async () => {
    const { out, input, written, raw } = fakeTty();
    const screen = enterFullscreen(out, input, { env: { TERM: "xterm-256color" } });
    expect(written.join("")).toBe(SEQ.altScreenOn + SEQ.cursorHide + SEQ.pasteOn + SEQ.probe);
    expect(screen.caps).toEqual({ keyboard: "legacy", bracketedPaste: true, probed: false });
    screen.handleResponse({ type: "response", kind: "kitty-flags", flags: 0 });
    screen.handleResponse({ type: "response", kind: "device-attributes", params: [62] });
    expect(await screen.ready).toMatchObject({ keyboard: "kitty", probed: true });
    expect(written.at(-1)).toBe(SEQ.kittyPush);
    written.length = 0;
    screen.restore();
    screen.restore();
    expect(written).toEqual([SEQ.kittyPop + SEQ.pasteOff + SEQ.cursorShow + SEQ.altScreenOff]);
    expect(raw).toEqual([true, false]);
  });

  it("enables modifyOtherKeys on an xterm-like terminal that ignores the kitty query", async () => {
    const { out, input, written } = fakeTty();
    const screen = enterFullscreen(out, input, { env: { TERM: "xterm-256color" } });
    screen.handleResponse({ type: "response", kind: "modify-other-keys", value: 0 });
    screen.handleResponse({ type: "response", kind: "device-attributes", params: [64] });
    expect((await screen.ready).keyboard).toBe("modifyOtherKeys");
    written.length = 0;
    screen.restore();
    expect(written).toEqual([
      SEQ.modifyOtherKeysReset + SEQ.pasteOff + SEQ.cursorShow + SEQ.altScreenOff,
    ]);
  });

  it("decides after the timeout without answers, and a late kitty answer still upgrades", async () => {
    const { out, input, written } = fakeTty();
    const screen = enterFullscreen(out, input, { env: { TERM: "linux" }, probeTimeoutMs: 5 });
    expect(await screen.ready).toMatchObject({ keyboard: "legacy", probed: true });
    expect(written).toHaveLength(1);
    screen.handleResponse({ type: "response", kind: "kitty-flags", flags: 0 });
    expect(screen.caps.keyboard).toBe("kitty");
    expect(written.at(-1)).toBe(SEQ.kittyPush);
    screen.restore();
    expect(written.at(-1)).toBe(SEQ.kittyPop + SEQ.pasteOff + SEQ.cursorShow + SEQ.altScreenOff);
  });

  it("a late modifyOtherKeys answer turns it on when the timeout decided without it", async () => {
    const { out, input, written } = fakeTty();
    const screen = enterFullscreen(out, input, { env: { TERM: "linux" }, probeTimeoutMs: 5 });
    await screen.ready;
    screen.handleResponse({ type: "response", kind: "modify-other-keys", value: 0 });
    expect(screen.caps.keyboard).toBe("modifyOtherKeys");
    expect(written.at(-1)).toBe(SEQ.modifyOtherKeysOn);
    screen.handleResponse({ type: "response", kind: "modify-other-keys", value: 2 });
    expect(written.filter((w) => w === SEQ.modifyOtherKeysOn)).toHaveLength(1);
    screen.restore();
    expect(written.at(-1)).toBe(
      SEQ.modifyOtherKeysReset + SEQ.pasteOff + SEQ.cursorShow + SEQ.altScreenOff,
    );
  });

  it("leaves raw mode alone when it was already on", () => {
    const { out, input, raw } = fakeTty();
    input.isRaw = true;
    enterFullscreen(out, input, { probeTimeoutMs: 1 }).restore();
    expect(raw).toEqual([]);
  });
});
