// One notebook's assistant as the screen shows it: the request, the reply streaming in, the
// proposals of the round (streamed, then under review), notes (invalid operations, results), and
// the round's verdicts going back to the loop. Not React: the reply grows per token and asks
// only for a coalesced output repaint.

import type { AssistantEvent, Proposal, StopReason, Verdict } from "../../ai/contract.js";
import { oneLine } from "../session/messages.js";
import {
  allDecided,
  createReview,
  type ReviewAction,
  type ReviewItem,
  type ReviewState,
  reviewReducer,
  verdicts,
} from "./review-state.js";

export type AssistantPhase = "idle" | "thinking" | "reviewing" | "running" | "done";

type Repaint = "input" | "output";

interface PendingReview {
  resolve: (verdicts: ReadonlyMap<string, Verdict>) => void;
  reject: (reason: unknown) => void;
}

const STOP_WORDS: Record<StopReason, string> = {
  finished: "Done.",
  "max-rounds": "Stopped after the most rounds one request may take.",
  "max-attempts": "Stopped: too many attempts at the same cell.",
  "repeated-error": "Stopped: the same error came back.",
  cancelled: "Stopped.",
  failed: "The assistant failed.",
};

export class AssistantState {
  /** Accept proposals without asking (never the `alwaysAsk` ones). Per session, off at start. */
  autoRun = false;
  phase: AssistantPhase = "idle";
  request = "";
  round = 0;
  /** The reply of the current round as it streams in (untrusted: sanitized when drawn). */
  reply = "";
  /** One line each: invalid operations, what the last round's results were, how it ended. */
  notes: string[] = [];
  /** Proposals parsed from the stream, shown inline before their review opens. */
  streamed: Proposal[] = [];
  review: ReviewState | undefined;
  private pending: PendingReview | undefined;
  private controller: AbortController | undefined;

  constructor(private readonly onChange: (kind: Repaint) => void) {}

  /** While the assistant answers, waits for the user, or runs what they accepted. */
  get active(): boolean {
    return this.phase === "thinking" || this.phase === "reviewing" || this.phase === "running";
  }

  /** Auto-run on accepts at once what the open review need not ask about. */
  toggleAutoRun(): void {
    this.autoRun = !this.autoRun;
    if (this.autoRun) this.decide({ type: "acceptUnasked" });
    this.onChange("input");
  }

  /** Starts a request; the signal aborts on `stop()`. */
  start(request: string): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    this.request = request;
    this.round = 0;
    this.reply = "";
    this.notes = [];
    this.streamed = [];
    this.review = undefined;
    this.phase = "thinking";
    this.onChange("input");
    return this.controller.signal;
  }

  /** Esc: cancels the stream and any review at once; nothing undecided is applied. */
  stop(): void {
    if (this.active) {
      this.controller?.abort();
      this.finish(STOP_WORDS.cancelled);
      return;
    }
    this.phase = "idle";
    this.onChange("input");
  }

  handle(event: AssistantEvent): void {
    if (!this.active) return; // a stopped run's last events
    switch (event.type) {
      case "round":
        this.round = event.round;
        this.reply = "";
        this.streamed = [];
        this.review = undefined;
        this.phase = "thinking";
        break;
      case "text":
        this.reply += event.delta;
        this.onChange("output");
        return;
      case "proposal":
        this.streamed.push(event.proposal);
        break;
      case "invalid":
        this.notes.push(`✗ ${event.message}`);
        break;
      case "results":
        this.phase = "thinking";
        this.notes.push(resultsLine(event.results.map((result) => result.status)));
        break;
      case "done":
        this.finish(STOP_WORDS[event.reason]);
        return;
      case "error":
        this.finish(oneLine(event.error));
        return;
    }
    this.onChange("input");
  }

  /** A round's proposals to decide; resolves once none is pending (at once under auto-run). */
  openReview(
    proposals: readonly Proposal[],
    conflicts: ReadonlySet<string>,
    signal: AbortSignal,
  ): Promise<ReadonlyMap<string, Verdict>> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const review = createReview(proposals, { conflicts, autoRun: this.autoRun });
      if (allDecided(review)) {
        resolve(verdicts(review));
        return;
      }
      const onAbort = () => {
        this.pending = undefined;
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.pending = {
        resolve: (decided) => {
          signal.removeEventListener("abort", onAbort);
          resolve(decided);
        },
        reject,
      };
      this.review = review;
      this.phase = "reviewing";
      this.onChange("input");
    });
  }

  /** A review key; the last decision hands the verdicts to the loop, which then applies and runs. */
  decide(action: ReviewAction): void {
    const review = this.review;
    if (!review || this.phase !== "reviewing") return;
    this.review = reviewReducer(review, action);
    if (allDecided(this.review) && this.pending) {
      const { resolve } = this.pending;
      this.pending = undefined;
      this.phase = "running";
      resolve(verdicts(this.review));
    }
    this.onChange("input");
  }

  /**
   * What is drawn at the cells: the proposals streamed so far, then the review's items. Nothing
   * once the round is decided: accepted edits are in the document by then.
   */
  shown(): readonly ReviewItem[] {
    if (this.phase === "reviewing" && this.review) return this.review.items;
    if (this.phase !== "thinking") return [];
    return this.streamed.map((proposal) => ({ proposal, decision: "pending" as const }));
  }

  /** The item under the review cursor, while a review is open. */
  current(): ReviewItem | undefined {
    return this.phase === "reviewing" && this.review
      ? this.review.items[this.review.cursor]
      : undefined;
  }

  /** The loop ended without saying how (it threw, or returned early): one line on why. */
  fail(note: string): void {
    if (this.active) this.finish(note);
  }

  private finish(note: string): void {
    this.pending?.reject(new DOMException("The assistant was cancelled.", "AbortError"));
    this.pending = undefined;
    this.controller = undefined;
    this.review = undefined;
    this.streamed = [];
    this.notes.push(note);
    this.phase = "done";
    this.onChange("input");
  }
}

function resultsLine(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return parts.length === 0 ? "No operations." : `Results: ${parts.join(", ")}.`;
}
