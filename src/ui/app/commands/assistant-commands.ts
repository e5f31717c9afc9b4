// The assistant's keys: ask (a one-line prompt), stop, auto-run, and the review of a round's
// proposals. The loop runs in src/ai; this only starts it with the session's host and shows its
// events. A failure (no model configured, an endpoint that refuses) is one sentence in the status
// line, never a crash.

import { isAbortError } from "../../../ai/abort.js";
import { followReview } from "../../assistant/follow.js";
import type { ReviewAction } from "../../assistant/review-state.js";
import { loadRunner } from "../../assistant/runner.js";
import { SessionHost } from "../../assistant/session-host.js";
import { createTextBuffer } from "../../editor/text-buffer.js";
import { oneLine } from "../../session/messages.js";
import type { NotebookSession } from "../../session/notebook-session.js";
import type { AppStore } from "../app-store.js";

const REVIEW: Record<string, ReviewAction> = {
  "ai.accept": { type: "accept" },
  "ai.reject": { type: "reject" },
  "ai.acceptAll": { type: "acceptAll" },
  "ai.rejectAll": { type: "rejectAll" },
  "ai.next": { type: "move", by: 1 },
  "ai.prev": { type: "move", by: -1 },
};

export function assistantCommand(
  store: AppStore,
  session: NotebookSession,
  command: string,
): boolean {
  const assistant = session.assistant;
  const review = REVIEW[command];
  if (review) {
    if (assistant.phase === "reviewing") {
      assistant.decide(review);
      followReview(session);
    } else if (review.type === "move") {
      // No review open (the reply streams, accepted cells run): j/k look around the notebook.
      session.dispatch({ type: "move", by: review.by });
    }
    return true;
  }
  switch (command) {
    case "ai.open":
      askAssistant(store, session);
      return true;
    case "ai.stop":
      assistant.stop();
      return true;
    case "ai.autoRun":
      assistant.toggleAutoRun();
      followReview(session);
      store.say(
        assistant.autoRun
          ? `Auto-run on for ${session.name}: proposals are accepted without asking, except shell commands, %pip and deletions.`
          : `Auto-run off for ${session.name}: every proposal asks.`,
      );
      return true;
    default:
      return false;
  }
}

function askAssistant(store: AppStore, session: NotebookSession): void {
  store.open({
    kind: "prompt",
    purpose: "assistant",
    label: "Ask the assistant: ",
    buffer: createTextBuffer(""),
    password: false,
    submit: (text) => {
      if (text.trim()) void startAssistant(store, session, text.trim());
    },
  });
}

async function startAssistant(
  store: AppStore,
  session: NotebookSession,
  request: string,
): Promise<void> {
  const assistant = session.assistant;
  const signal = assistant.start(request);
  try {
    const runner = await loadRunner();
    for (const warning of runner.warnings) store.say(warning, "error");
    await runner.run(request, new SessionHost(session), {
      signal,
      onEvent: (event) => {
        assistant.handle(event);
        if (event.type === "error") store.say(oneLine(event.error), "error");
      },
    });
    assistant.fail("Done.");
  } catch (error) {
    if (isAbortError(error)) return;
    assistant.fail(oneLine(error));
    store.say(oneLine(error), "error");
  }
}
