// GitHub Actions annotations for failed notebooks (only under GITHUB_ACTIONS=true), so a failure
// shows on the pull request next to the notebook. Escaping follows the Actions toolkit: data
// escapes %, CR and LF; property values also escape ':' and ','.

import { isAbsolute, relative } from "node:path";
import { plainText } from "../../terminal/sanitize.js";
import { cellLabel, errorLine, type NotebookResult } from "../results.js";

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Paths in annotations are relative to the repository (GITHUB_WORKSPACE) when they can be. */
function annotationPath(path: string, workspace: string | undefined): string {
  if (!workspace || !isAbsolute(path)) return path;
  const rel = relative(workspace, path);
  return rel.startsWith("..") ? path : rel;
}

/** One `::error` line per failed notebook; none for notebooks that passed. */
export function githubAnnotations(notebooks: NotebookResult[], env: NodeJS.ProcessEnv): string[] {
  if (env.GITHUB_ACTIONS !== "true") return [];
  const lines: string[] = [];
  for (const nb of notebooks) {
    if (nb.outcome === "passed" || !nb.failure) continue;
    const { cell, error } = nb.failure;
    const title = cell ? `${nb.path}: ${cellLabel(cell)}` : `${nb.path}: ${nb.outcome}`;
    // The last lines of the traceback (its entries are whole frames, several lines each).
    const tail = plainText(error.traceback.join("\n")).trimEnd().split("\n").slice(-12).join("\n");
    const message = plainText(
      tail && tail !== errorLine(error) ? `${errorLine(error)}\n\n${tail}` : errorLine(error),
    );
    const file = plainText(annotationPath(nb.path, env.GITHUB_WORKSPACE));
    lines.push(
      `::error file=${escapeProperty(file)},title=${escapeProperty(plainText(title))}::${escapeData(message)}`,
    );
  }
  return lines;
}
