// Text still in the cell editor is unsaved work too: a hang-up or a crash while typing must keep
// it in the recovery copy, not only what was committed by leaving the editor.

import { describe, it } from "vitest";
import {
  CRASH_ON_SIGUSR2,
  expectRecoveryOffered,
  openNotebook,
  SLOW,
  typeInNewCell,
} from "./oprel.js";

describe("typing interrupted", { timeout: 60_000 }, () => {
  for (const [how, signal] of [
    ["the SSH link drops (SIGHUP)", "SIGHUP"],
    ["oprel crashes", "SIGUSR2"],
  ] as const) {
    it(`keeps the text in the editor when ${how}, and the next open offers it`, async () => {
      const opened = await openNotebook("typing.ipynb", ["saved = 1"], { env: CRASH_ON_SIGUSR2 });
      await typeInNewCell(opened.t, "still_typing = 2");
      opened.t.kill(signal);
      await opened.t.exit(SLOW);
      await expectRecoveryOffered(opened, "still_typing = 2");
    });
  }
});
