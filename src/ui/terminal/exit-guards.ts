// Every way out of the process restores the terminal: a normal exit, a crash (uncaught exception
// or unhandled rejection), SIGTERM, SIGHUP (the SSH link dropped) and SIGINT (sent by kill: in raw
// mode Ctrl+C is a key, not a signal). Before a crash or signal exit, onEmergency lets the app write
// recovery copies of unsaved work, synchronously, since nothing asynchronous runs after it.

import { writeSync } from "node:fs";
import { log } from "../../log.js";

export type EmergencyReason = "crash" | "SIGTERM" | "SIGHUP" | "SIGINT";

export interface ExitGuardOptions {
  restore: () => void;
  onEmergency?: (reason: EmergencyReason, error?: unknown) => void;
  /** The text printed after a crash, once the screen is back (default: the stack). */
  formatError?: (error: unknown) => string;
}

const SIGNAL_EXIT: Record<Exclude<EmergencyReason, "crash">, number> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

function defaultFormat(error: unknown): string {
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}

/** Installs the guards; returns uninstall() for a clean shutdown path or a test. */
export function installExitGuards(options: ExitGuardOptions): () => void {
  let leaving = false;

  const restore = () => {
    try {
      options.restore();
    } catch (error) {
      log("exit-guards", `restore failed: ${String(error)}`);
    }
  };

  const emergency = (reason: EmergencyReason, error?: unknown) => {
    if (leaving) return;
    leaving = true;
    // Data first: after a hang-up the terminal is gone, but unsaved work must still reach disk.
    try {
      options.onEmergency?.(reason, error);
    } catch (failure) {
      log("exit-guards", `emergency handler failed: ${String(failure)}`);
    }
    restore();
    if (reason === "crash") {
      try {
        writeSync(2, `oprel crashed: ${(options.formatError ?? defaultFormat)(error)}\n`);
      } catch {
        // no stderr left
      }
      process.exit(1);
    }
    process.exit(SIGNAL_EXIT[reason]);
  };

  const onExit = () => restore();
  const onCrash = (error: unknown) => emergency("crash", error);
  const onSignal = (signal: NodeJS.Signals) => emergency(signal as EmergencyReason);
  const signals = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];

  process.on("exit", onExit);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  for (const signal of signals) process.on(signal, onSignal);

  return () => {
    process.off("exit", onExit);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    for (const signal of signals) process.off(signal, onSignal);
  };
}
