// A tiny full-screen program for fullscreen.test.ts: enters the modes, echoes the keys it reads,
// and leaves when told by a key: q quits, t throws, r leaves a promise rejected; or by a signal.

import { writeFileSync } from "node:fs";
import { keyString } from "../../../src/ui/keys/parse-input.js";
import { installExitGuards } from "../../../src/ui/terminal/exit-guards.js";
import { enterFullscreen } from "../../../src/ui/terminal/fullscreen.js";
import { attachInput } from "../../../src/ui/terminal/input.js";

const mark = process.argv[2] as string;
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
    const key = keyString(event);
    if (key === "q") process.exit(0);
    if (key === "t") {
      setTimeout(() => {
        throw new Error("boom");
      });
    }
    if (key === "r") setTimeout(() => Promise.reject(new Error("nope")));
  },
  { onResponse: screen.handleResponse },
);
screen.ready.then((caps) => process.stdout.write(`ready ${caps.keyboard}\r\n`));
