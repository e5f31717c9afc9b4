// Lenient JSON reading for what models send: arguments wrapped in code fences, surrounding prose,
// an empty arguments string for a call without fields. Strict validation happens afterwards.

export type JsonRead = { ok: true; value: unknown } | { ok: false; message: string };

export function readJson(text: string): JsonRead {
  const trimmed = stripFence(text.trim());
  if (trimmed === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    // Prose around one object ("Here you go: {...}"): try the outermost braces.
    const start = trimmed.indexOf("{");
    const end = trimmed.lastIndexOf("}");
    if (start >= 0 && end > start && (start > 0 || end < trimmed.length - 1)) {
      try {
        return { ok: true, value: JSON.parse(trimmed.slice(start, end + 1)) };
      } catch {
        // fall through to the first error, which names the real problem
      }
    }
    return { ok: false, message: `not valid JSON (${(error as Error).message})` };
  }
}

function stripFence(text: string): string {
  const match = /^```[a-zA-Z]*\n([\s\S]*?)\n?```$/.exec(text);
  return match?.[1]?.trim() ?? text;
}

/** The body of the last ```json fenced block in plain text, or null when there is none. */
export function lastJsonFence(text: string): string | null {
  const fences = [...text.matchAll(/```(?:json|JSON)?[ \t]*\n([\s\S]*?)```/g)];
  for (let i = fences.length - 1; i >= 0; i--) {
    const body = fences[i]?.[1]?.trim() ?? "";
    if (body.startsWith("{")) return body;
  }
  return null;
}
