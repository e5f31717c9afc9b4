// Turns into chat messages for one reply mode. With tools, calls and results travel as tool calls
// and tool messages; without, the model wrote JSON and reads its results as a user message.
// Every text passes through the redactor here, the last stop before the network.

import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Redactor } from "../redact.js";
import { fallbackInstructions } from "./fallback-prompt.js";
import type { ReplyMode, Turn } from "./types.js";

export function toMessages(
  turns: readonly Turn[],
  mode: ReplyMode,
  redact: Redactor,
): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  for (const turn of turns) {
    switch (turn.role) {
      case "system":
        messages.push({
          role: "system",
          content: redact(
            mode === "tools" ? turn.content : `${turn.content}\n\n${fallbackInstructions(mode)}`,
          ),
        });
        break;
      case "user":
        messages.push({ role: "user", content: redact(turn.content) });
        break;
      case "assistant":
        if (mode === "tools" && turn.calls.length > 0) {
          messages.push({
            role: "assistant",
            content: turn.content ? redact(turn.content) : null,
            tool_calls: turn.calls.map((call) => ({
              id: call.id,
              type: "function",
              function: { name: call.name, arguments: redact(call.arguments) },
            })),
          });
        } else {
          messages.push({ role: "assistant", content: redact(turn.content || "(no text)") });
        }
        break;
      case "results":
        if (mode === "tools") {
          for (const result of turn.results) {
            messages.push({
              role: "tool",
              tool_call_id: result.callId,
              content: redact(result.content),
            });
          }
        } else {
          const lines = turn.results.map(
            (result) => `${result.callId} ${result.name}: ${result.content}`,
          );
          messages.push({
            role: "user",
            content: redact(`Results of your operations, in order:\n${lines.join("\n")}`),
          });
        }
        break;
    }
  }
  return messages;
}
