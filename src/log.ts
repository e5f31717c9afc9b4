// Diagnostics for developers and bug reports: appended to the file named by OPREL_LOG, never to the
// console (the terminal UI owns the screen). Silent and free when OPREL_LOG is unset.

import { appendFileSync } from "node:fs";

const target = process.env.OPREL_LOG;

export function log(scope: string, message: string): void {
  if (!target) return;
  try {
    appendFileSync(target, `${new Date().toISOString()} [${process.pid}] ${scope}: ${message}\n`);
  } catch {
    // A log that cannot be written must never break the program it describes.
  }
}
