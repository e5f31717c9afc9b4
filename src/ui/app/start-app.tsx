// Takes over the terminal and runs the notebook UI until the user quits. Every way out restores
// the terminal: a normal quit, a crash of oprel itself, SIGTERM, and SIGHUP when the SSH link
// drops; on a hang-up or a crash each unsaved notebook is first written as a recovery copy.

import { PassThrough } from "node:stream";
import { render } from "ink";
import { killAllKernels } from "../../kernel/index.js";
import { log } from "../../log.js";
import type { Registry } from "../../registry/index.js";
import type { Opening } from "../index.js";
import { describeBindings, KeyResolver } from "../keys/keymap.js";
import { loadKeymap } from "../keys/user-keymap.js";
import { whenRichTextReady } from "../output/rich-text.js";
import { oneLine } from "../session/messages.js";
import { installExitGuards } from "../terminal/exit-guards.js";
import { enterFullscreen } from "../terminal/fullscreen.js";
import { attachInput } from "../terminal/input.js";
import { App } from "../view/app.js";
import { helpLines } from "../view/help-lines.js";
import { AppStore } from "./app-store.js";
import { autosave, openLoaded } from "./files.js";
import { inkStdout } from "./ink-stdout.js";
import { handleInput } from "./input.js";
import { askStdin } from "./stdin-prompt.js";

const AUTOSAVE_MS = 120_000;
const TICK_MS = 1000;

export interface StartOptions {
  openings: Opening[];
  problems: string[];
  python?: string;
  /** --kernel NAME: every notebook runs in this kernel instead of its kernelspec's. */
  kernelName?: string;
  /** --gateway URL: every notebook's kernel runs on that Jupyter server. */
  gateway?: string;
  /** The session's shared registry: every notebook's kernel uses it. */
  registry?: Registry;
}

export async function startApp(options: StartOptions): Promise<number> {
  const stdout = process.stdout;
  const store = new AppStore({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  store.registry = options.registry;
  const { python, kernelName, gateway } = options;
  store.openOptions = { python, kernelName, gateway };
  // Another notebook's %share changes what the registry panel lists.
  options.registry?.on("change", () => store.repaint());
  const { keymap, error: keymapError } = loadKeymap();
  const resolver = new KeyResolver(keymap);
  store.onOverlayClosed = () => {
    const session = store.session;
    if (session?.stdin) askStdin(store, session);
  };

  const terminal = enterFullscreen(stdout, process.stdin);
  store.helpLines = () => helpLines(describeBindings(terminal.caps, keymap));
  const detachInput = attachInput(process.stdin, (event) => handleInput(store, resolver, event), {
    onResponse: (event) => terminal.handleResponse(event),
  });
  const ink = render(<App store={store} />, {
    stdout: inkStdout(stdout),
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
    maxFps: 60,
  });
  const restore = () => {
    detachInput();
    ink.unmount();
    terminal.restore();
  };
  // A hang-up, SIGTERM or a crash: unsaved work goes to recovery copies, the terminal is put back,
  // the workers are stopped (they also stop by themselves when their channel closes).
  const uninstallGuards = installExitGuards({
    restore,
    onEmergency: (reason) => {
      const written = store.sessions.filter((session) => session.writeRecoveryCopy()).length;
      log("ui", `${reason}: wrote ${written} recovery copies`);
      killAllKernels();
    },
  });
  const onResize = () => store.resize({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  stdout.on("resize", onResize);

  for (const opening of options.openings) {
    try {
      await openLoaded(store, opening);
    } catch (error) {
      store.say(oneLine(error), "error");
    }
  }
  // The first tab, unless a question about another one is open over it already.
  if (!store.overlay) store.active = 0;
  if (options.problems.length > 0) store.say(`Not opened: ${options.problems.join(" ")}`, "error");
  if (keymapError) store.say(oneLine(keymapError), "error");

  // Markdown and HTML rendering load after the first paint, then everything is drawn again.
  setTimeout(() => void whenRichTextReady().then(() => store.repaint()), 50);
  const autosaver = setInterval(() => void autosave(store), AUTOSAVE_MS);
  // Running cells show their elapsed time: one repaint a second while anything runs.
  const ticker = setInterval(() => {
    if (store.queueLength > 0) store.repaint("output");
  }, TICK_MS);

  const code = await store.whenExit();
  clearInterval(autosaver);
  clearInterval(ticker);
  uninstallGuards();
  stdout.off("resize", onResize);
  restore();
  store.dispose();
  await Promise.race([
    Promise.all(store.sessions.map((session) => session.close())),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]);
  killAllKernels();
  return code;
}
