// The binding tables of docs/keys.md, generated from the registry so the document cannot drift
// (test/unit/ui/keys-doc.test.ts compares them; OPREL_UPDATE_DOCS=1 rewrites the file).

import { COMMANDS, type CommandId, MODES } from "./bindings.js";
import { describeBindings } from "./keymap.js";

const MARK = { legacy: "", modifyOtherKeys: " ¹", kitty: " ²" } as const;

export function keysTables(): string {
  const rows = describeBindings({ keyboard: "legacy" });
  const sections = MODES.map((mode) => {
    const byCommand = new Map<CommandId, string[]>();
    for (const row of rows.filter((r) => r.mode === mode)) {
      const keys = byCommand.get(row.command) ?? [];
      keys.push(`\`${row.keys}\`${MARK[row.needs]}`);
      byCommand.set(row.command, keys);
    }
    const lines = [...byCommand].map(
      ([command, keys]) => `| ${keys.join(", ")} | \`${command}\` | ${COMMANDS[command]} |`,
    );
    return [
      `### ${mode} mode`,
      "",
      "| keys | command | what it does |",
      "| --- | --- | --- |",
      ...lines,
    ].join("\n");
  });
  return sections.join("\n\n");
}
