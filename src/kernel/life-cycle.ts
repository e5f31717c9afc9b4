// What every kind of kernel does the same way around its process: one execute request at a time,
// the words a refused run gets, and a polite stop that turns into SIGKILL after a grace period.

import type { DeathInfo, KernelState } from "./types.js";

/** Runs tasks one after another, in call order; a failed task does not block the next. */
export class Turns {
  private chain: Promise<unknown> = Promise.resolve();

  take<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.chain.then(task);
    this.chain = turn.catch(() => undefined);
    return turn;
  }
}

/** Why a kernel that is not idle refuses to run code. */
export function refusal(state: KernelState, death: DeathInfo | undefined): string {
  return state === "shutdown"
    ? "The kernel was shut down."
    : `The kernel is dead (${death?.reason ?? "not running"}); restart it to run code again.`;
}

/**
 * Asks a process to exit (`ask`), waits up to `graceMs` for `exited`, then `kill`s it; resolves
 * once it is gone.
 */
export async function stopPolitely(
  running: boolean,
  exited: Promise<unknown>,
  ask: () => void,
  kill: () => void,
  graceMs: number,
): Promise<void> {
  if (running) {
    ask();
    let timer: NodeJS.Timeout | undefined;
    const polite = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!polite) kill();
  }
  await exited;
}

/** Restart and shutdown as both kernels do them: one restart at a time, shutdown once, after it. */
export class Lifetime {
  private restarting: Promise<void> | undefined;
  private shuttingDown: Promise<void> | undefined;

  /** Resolves when a restart under way has ended (either way). */
  async settled(): Promise<void> {
    if (this.restarting) await this.restarting.catch(() => undefined);
  }

  restart(run: () => Promise<void>): Promise<void> {
    if (this.restarting) return this.restarting;
    const done = run();
    this.restarting = done;
    const clear = () => {
      this.restarting = undefined;
    };
    void done.then(clear, clear);
    return done;
  }

  shutdown(run: () => Promise<void>): Promise<void> {
    this.shuttingDown ??= (async () => {
      await this.settled();
      await run();
    })();
    return this.shuttingDown;
  }
}
