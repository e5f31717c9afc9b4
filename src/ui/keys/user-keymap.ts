// The user's key map file, $XDG_CONFIG_HOME/oprel/keys.yaml (else ~/.config/oprel/keys.yaml):
//
//   command:
//     run.all: f5              # one key sequence
//     cell.delete: [d d, shift+d]
//     cell.toRaw: null         # unbound ([] works too)
//   edit:
//     editor.split: ctrl+backslash
//
// A mistake in it never stops oprel: loadKeymap() returns the defaults and one OprelError naming
// the file and line, which the app shows in its status line.

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { configFilePath, readOptionalFile } from "../../config-files.js";
import { OprelError } from "../../errors.js";
import { type CommandId, commandsOf, MODES, type Mode } from "./bindings.js";
import { parseKeySequence } from "./key-spec.js";
import { buildKeymap, type Keymap, type KeymapChanges, overlap } from "./keymap.js";

export function keymapPath(env: NodeJS.ProcessEnv = process.env): string {
  return configFilePath("keys.yaml", env);
}

/** The changes a key map file asks for; {} when there is no file. Throws OprelError when bad. */
export function readKeymapFile(path: string): KeymapChanges {
  const text = readOptionalFile(path, (reason) => invalid(path, undefined, reason));
  return text === null ? {} : parseKeymapText(text, path);
}

/** Parses key map YAML; `path` only names the file in errors. */
export function parseKeymapText(text: string, path: string): KeymapChanges {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const syntax = doc.errors[0];
  if (syntax) {
    const reason = syntax.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
    throw invalid(path, syntax.linePos?.[0].line, `is not valid YAML: ${reason}`);
  }
  const changes: KeymapChanges = {};
  const keyLines = new Map<string, number | undefined>();
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return changes;
  if (!isMap(root))
    throw invalid(
      path,
      lineOf(root),
      "should map modes (command, edit, pager, prompt) to bindings",
    );
  for (const modePair of root.items) {
    const modeNode = modePair.key as Node;
    const mode = String(isScalar(modeNode) ? modeNode.value : modeNode) as Mode;
    if (!MODES.includes(mode)) {
      throw invalid(
        path,
        lineOf(modeNode),
        `"${mode}" is not a mode (command, edit, pager, prompt)`,
      );
    }
    const body = modePair.value as Node | null;
    if (body === null || (isScalar(body) && body.value === null)) continue;
    if (!isMap(body)) throw invalid(path, lineOf(body), `${mode} should map command ids to keys`);
    const allowed = commandsOf(mode);
    const modeChanges: Partial<Record<CommandId, string[]>> = {};
    const seen = new Map<string, CommandId>();
    for (const pair of body.items) {
      const commandNode = pair.key as Node;
      const command = String(isScalar(commandNode) ? commandNode.value : commandNode) as CommandId;
      if (!allowed.has(command)) {
        throw invalid(path, lineOf(commandNode), `"${command}" is not a command of ${mode} mode`);
      }
      const keys: string[] = [];
      for (const item of keyNodes(pair.value as Node | null)) {
        if (!isScalar(item) || typeof item.value !== "string") {
          throw invalid(
            path,
            lineOf(item ?? commandNode),
            `the keys of ${command} should be text such as "ctrl+s" or "d d"`,
          );
        }
        let sequence: string;
        try {
          sequence = parseKeySequence(item.value);
        } catch (error) {
          throw invalid(path, lineOf(item), (error as Error).message);
        }
        const other = seen.get(sequence);
        if (other && other !== command) {
          throw invalid(
            path,
            lineOf(item),
            `"${sequence}" is bound to both ${other} and ${command}`,
          );
        }
        seen.set(sequence, command);
        keyLines.set(`${mode}\n${sequence}`, lineOf(item));
        keys.push(sequence);
      }
      modeChanges[command] = keys;
    }
    changes[mode] = modeChanges;
  }
  checkChords(buildKeymap(changes), changes, path, keyLines);
  return changes;
}

function keyNodes(value: Node | null): (Node | null)[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (isSeq(value)) return value.items as (Node | null)[];
  return [value];
}

/** Among the user's own keys, one that also starts another's chord would make that chord unreachable. */
function checkChords(
  keymap: Keymap,
  changes: KeymapChanges,
  path: string,
  keyLines: Map<string, number | undefined>,
): void {
  for (const mode of MODES) {
    for (const keys of Object.values(changes[mode] ?? {}).flat()) {
      const clash = keymap.bindings.find(
        (b) => b.mode === mode && b.keys !== keys && overlap(b.keys, keys),
      );
      if (clash) {
        throw invalid(
          path,
          keyLines.get(`${mode}\n${keys}`),
          `"${keys}" and "${clash.keys}" (${clash.command}) overlap in ${mode} mode, so one could never be typed`,
        );
      }
    }
  }
}

function invalid(path: string, line: number | undefined, reason: string): OprelError {
  const where = line === undefined ? path : `${path}, line ${line}`;
  return new OprelError(
    "KEYMAP_INVALID",
    `Key map ${where}: ${reason}.`,
    "Fix or delete that line (docs/keys.md lists commands and key names); the default keys apply until then.",
  );
}

/** The key map to use: defaults plus the user's file. Never throws: a bad file gives `error`. */
export function loadKeymap(env: NodeJS.ProcessEnv = process.env): {
  keymap: Keymap;
  path: string;
  error?: OprelError;
} {
  const path = keymapPath(env);
  try {
    return { keymap: buildKeymap(readKeymapFile(path)), path };
  } catch (error) {
    const reported =
      error instanceof OprelError
        ? error
        : invalid(path, undefined, `could not be used (${String(error)})`);
    return { keymap: buildKeymap(), path, error: reported };
  }
}
