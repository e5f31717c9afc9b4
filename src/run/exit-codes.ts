// Exit codes of `oprel run`. With several notebooks the highest code wins (a kernel that could not
// start outranks one that died, which outranks a timeout, a save failure and a failed cell);
// a signal to oprel itself outranks them all.

export const EXIT = {
  ok: 0,
  cellFailed: 1,
  usage: 2,
  timeout: 3,
  kernelDied: 4,
  kernelStartFailed: 5,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

/** 128 + the signal's number, as a shell reports a process the signal ended. */
export const SIGNAL_EXIT = { SIGHUP: EXIT.sighup, SIGINT: EXIT.sigint, SIGTERM: EXIT.sigterm };

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function worstExit(codes: Iterable<number>): number {
  let worst = 0;
  for (const code of codes) if (code > worst) worst = code;
  return worst;
}
