// Node cannot wait more than 2^31-1 ms (about 24.8 days): a longer timer fires at once, after a
// warning. A time limit that far away means "no limit in practice", so it gets no timer at all.

export const MAX_TIMER_MS = 2 ** 31 - 1;

/** setTimeout for a time limit; no timer (undefined) when the limit is too far away to matter. */
export function limitTimer(fire: () => void, ms: number): NodeJS.Timeout | undefined {
  if (!(ms <= MAX_TIMER_MS)) return undefined;
  return setTimeout(fire, Math.max(0, ms));
}
