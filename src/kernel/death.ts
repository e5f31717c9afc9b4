// Plain words for how a worker process ended, for the user and for DeathInfo.reason.

import { constants } from "node:os";

const SIGNAL_WORDS: Record<string, string> = {
  SIGSEGV: "segmentation fault (SIGSEGV)",
  SIGKILL: "killed (SIGKILL), possibly out of memory",
  SIGABRT: "aborted (SIGABRT)",
  SIGBUS: "bus error (SIGBUS)",
  SIGFPE: "floating-point exception (SIGFPE)",
  SIGILL: "illegal instruction (SIGILL)",
  SIGTERM: "terminated (SIGTERM)",
  SIGINT: "interrupted (SIGINT)",
  SIGHUP: "hung up (SIGHUP)",
  SIGPIPE: "broken pipe (SIGPIPE)",
};

export function describeExit(exitCode: number | null, signal: string | null): string {
  if (signal) return SIGNAL_WORDS[signal] ?? `killed by signal ${signal}`;
  if (exitCode === null) return "exited for an unknown reason";
  // A shell wrapper (a pyenv shim, a script) reports a signal death of its child as 128 + n.
  if (exitCode > 128) {
    const name = signalName(exitCode - 128);
    if (name)
      return `${SIGNAL_WORDS[name] ?? `killed by signal ${name}`} (exit status ${exitCode})`;
  }
  return `exited with status ${exitCode}`;
}

function signalName(num: number): string | undefined {
  for (const [name, value] of Object.entries(constants.signals)) {
    if (value === num) return name;
  }
  return undefined;
}
