// The text --log-output shows for one kernel event: streams as they are, results and displays by
// their text/plain form. Errors are left to the failure report, which prints the traceback.

import type { KernelEvent } from "../kernel/index.js";

function plainOf(data: Record<string, unknown>): string {
  const text = data["text/plain"];
  if (typeof text === "string") return text;
  if (Array.isArray(text)) return text.join("");
  return `<${Object.keys(data).join(", ")}>`;
}

export function logText(event: KernelEvent): string | undefined {
  switch (event.type) {
    case "stream":
      return event.text;
    case "display":
    case "result":
      return `${plainOf(event.data)}\n`;
    default:
      return undefined;
  }
}
