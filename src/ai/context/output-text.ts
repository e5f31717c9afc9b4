// Cell outputs as plain text for the model: escape codes stripped, `\r` progress collapsed to its
// final state, errors as name, value and the last traceback frames, rich media as placeholders.

import type { CodeCell, JsonValue, Output } from "../../notebook/index.js";
import { joinMultiline } from "../../notebook/index.js";
import { plainText } from "../../terminal/sanitize.js";
import { capText } from "./cap.js";

/** Traceback lines kept from the end: the frames nearest the error say most. */
const TRACEBACK_LINES = 12;

export function errorText(ename: string, evalue: string, traceback: readonly string[]): string {
  const frames = plainText(traceback.join("\n")).split("\n");
  const last = frames.slice(-TRACEBACK_LINES).join("\n").trim();
  const cut = frames.length > TRACEBACK_LINES ? "[earlier frames left out]\n" : "";
  return `${plainText(ename)}: ${plainText(evalue)}${last ? `\nTraceback (last frames):\n${cut}${last}` : ""}`;
}

function bundleText(data: Record<string, JsonValue>): string {
  const plain = data["text/plain"];
  if (plain !== undefined && plain !== null) {
    return plainText(
      typeof plain === "string" || Array.isArray(plain)
        ? joinMultiline(plain as string | string[])
        : JSON.stringify(plain),
    );
  }
  const mimes = Object.keys(data);
  const image = mimes.find((mime) => mime.startsWith("image/"));
  if (image) return `[${image} image]`;
  if (mimes.includes("text/html")) return "[HTML output]";
  if (mimes.includes("text/markdown"))
    return plainText(joinMultiline(data["text/markdown"] as string | string[]));
  return `[${mimes.join(", ") || "empty"} output]`;
}

export function outputText(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return plainText(joinMultiline(output.text));
    case "error":
      return errorText(output.ename, output.evalue, output.traceback);
    default:
      return bundleText(output.data);
  }
}

/** All outputs of a cell, each capped at `perOutput` characters (head and tail kept). */
export function cellOutputText(cell: CodeCell, perOutput: number): string {
  return cell.outputs
    .map((output) => capText(outputText(output).replace(/\n+$/, ""), perOutput))
    .filter((text) => text !== "")
    .join("\n");
}
