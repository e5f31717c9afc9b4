// A tiny full-screen program for fullscreen.test.ts: enters the modes, echoes the keys it reads,
// then leaves by the path named in argv[2]: "quit" (q key), "throw", "reject" or "signal" (waits).

import { writeFileSync } from "node:fs";
import { keyString } from "../../../src/ui/keys/parse-input.js";
import { installExitGuards } from "../../../src/ui/terminal/exit-guards.js";
import { enterFullscreen } from "../../../src/ui/terminal/fullscreen.js";
import { attachInput } from "../../../src/ui/terminal/input.js";

const how = process.argv[2];
const mark = process.argv[3] as string;
const screen = enterFullscreen(process.stdout, process.stdin, { probeTimeoutMs: 3000 });
installExitGuards({
  restore: screen.restore,
  onEmergency: (reason) => writeFileSync(mark, reason),
});
attachInput(
  process.stdin,
  (event) => {
    if (event.type !== "key") return;
    process.stdout.write(`key ${keyString(event)}\r\n`);
    if (keyString(event) === "q") process.exit(0);
  },
  { onResponse: screen.handleResponse },
);
screen.ready.then((caps) => {
  process.stdout.write(`ready ${caps.keyboard}\r\n`);
  if (how === "throw")
    setTimeout(() => {
      throw new Error("boom");
    }, 10);
  if (how === "reject") setTimeout(() => Promise.reject(new Error("nope")), 10);
});
