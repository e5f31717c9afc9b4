// The agent loop: rounds of reply -> proposals -> the user's review -> one commit -> accepted runs
// -> results back to the model, until the model answers without operations or a bound is hit
// (8 rounds, 3 attempts at one cell, the same error twice). The signal stops everything at once;
// a round is committed whole or not at all.

import { isOprelError } from "../../errors.js";
import { isAbortError, throwIfAborted } from "../abort.js";
import { type ContextOptions, contextMessage } from "../context/build-context.js";
import { SYSTEM_PROMPT } from "../context/system-prompt.js";
import type { AssistantEvent, AssistantHost, OpResult, Proposal, StopReason } from "../contract.js";
import { applyProposals } from "../ops/apply.js";
import { resolveCalls } from "../ops/resolve.js";
import { defaultClient } from "../provider/default-client.js";
import type { ModelClient } from "../provider/model-client.js";
import type { CallResult, Turn } from "../provider/types.js";
import { errorSignature, readCellAnswer, resultContent, runResult } from "./results.js";

export interface AssistantOptions extends ContextOptions {
  /** Default: one configured from OPENAI_BASE_URL, OPENAI_API_KEY, OPREL_MODEL, the config file. */
  client?: ModelClient;
  /** The model, when `client` is not given (as --model). */
  model?: string;
  signal: AbortSignal;
  onEvent?: (event: AssistantEvent) => void;
  maxRounds?: number;
  maxAttempts?: number;
}

interface RoundOutcome {
  /** The round asked for nothing more (no calls, or everything rejected). */
  finished: boolean;
  results: OpResult[];
  callResults: CallResult[];
  errors: Set<string>;
  tooManyAttempts: boolean;
}

export async function runAssistant(
  request: string,
  host: AssistantHost,
  options: AssistantOptions,
): Promise<StopReason> {
  const emit = options.onEvent ?? (() => {});
  const reason = await loop(request, host, options, emit).catch((error: unknown): StopReason => {
    if (options.signal.aborted || isAbortError(error)) return "cancelled";
    if (isOprelError(error)) {
      emit({ type: "error", error });
      return "failed";
    }
    throw error;
  });
  emit({ type: "done", reason });
  return reason;
}

async function loop(
  request: string,
  host: AssistantHost,
  options: AssistantOptions,
  emit: (event: AssistantEvent) => void,
): Promise<StopReason> {
  const { signal } = options;
  const client = options.client ?? configuredClient(options.model, emit);
  const variables = await host.variables(signal);
  throwIfAborted(signal);
  const turns: Turn[] = [
    { role: "system", content: SYSTEM_PROMPT },
    {
      role: "user",
      content: contextMessage(request, host.context(), variables, {
        budgetTokens: options.budgetTokens ?? client.contextTokens,
      }),
    },
  ];
  const session: Session = { host, options, attempts: new Map(), emit };
  let lastErrors = new Set<string>();
  const maxRounds = options.maxRounds ?? 8;
  for (let round = 1; round <= maxRounds; round++) {
    emit({ type: "round", round });
    const seen = host.context().notebook;
    const reply = await client.complete(turns, {
      signal,
      onText: (delta) => emit({ type: "text", delta }),
    });
    turns.push({ role: "assistant", content: reply.raw, calls: reply.calls });
    if (reply.problem) {
      emit({ type: "invalid", message: reply.problem });
      turns.push({ role: "user", content: `${reply.problem} Please answer again.` });
      continue;
    }
    const outcome = await playRound(reply.calls, seen, round, session);
    if (outcome.finished) return "finished";
    emit({ type: "results", results: outcome.results });
    turns.push({ role: "results", results: outcome.callResults });
    if (outcome.tooManyAttempts) return "max-attempts";
    if (outcome.errors.size > 0 && [...outcome.errors].every((error) => lastErrors.has(error))) {
      return "repeated-error";
    }
    lastErrors = outcome.errors;
  }
  return "max-rounds";
}

/** The default client; its configuration warnings (plain http off this machine) go out as text. */
function configuredClient(model: string | undefined, emit: (event: AssistantEvent) => void) {
  const { client, config } = defaultClient(model);
  for (const warning of config.warnings) emit({ type: "text", delta: `(warning: ${warning})\n` });
  return client;
}

interface Session {
  host: AssistantHost;
  options: AssistantOptions;
  /** Runs per cell in this request. */
  attempts: Map<string, number>;
  emit: (event: AssistantEvent) => void;
}

async function playRound(
  calls: Parameters<typeof resolveCalls>[0],
  seen: Parameters<typeof resolveCalls>[1],
  round: number,
  session: Session,
): Promise<RoundOutcome> {
  const { host, emit } = session;
  const { signal } = session.options;
  const outcome: RoundOutcome = {
    finished: calls.length === 0,
    results: [],
    callResults: [],
    errors: new Set(),
    tooManyAttempts: false,
  };
  if (outcome.finished) return outcome;
  const resolved = resolveCalls(calls, seen, `r${round}:`);
  const byKey = new Map<string, OpResult | string>();
  for (const bad of resolved.invalid) {
    emit({ type: "invalid", message: bad.message });
    byKey.set(bad.key, { key: bad.key, status: "error", cellId: null, reason: bad.message });
  }
  for (const read of resolved.reads)
    byKey.set(read.key, readCellAnswer(host.context(), read.op.cell_id));
  for (const proposal of resolved.proposals) emit({ type: "proposal", proposal });

  if (resolved.proposals.length > 0) {
    const verdicts = await host.review(resolved.proposals, signal);
    throwIfAborted(signal);
    const accepted: Proposal[] = [];
    for (const proposal of resolved.proposals) {
      if (verdicts.get(proposal.key) === "accept") accepted.push(proposal);
      else {
        const reason = "The user rejected this operation.";
        byKey.set(proposal.key, {
          key: proposal.key,
          status: "rejected",
          cellId: proposal.cellId,
          reason,
        });
      }
    }
    // Everything rejected and nothing read or wrong: the user has said no; stop asking.
    if (accepted.length === 0 && resolved.reads.length === 0 && resolved.invalid.length === 0) {
      outcome.finished = true;
      return outcome;
    }
    const current = host.context().notebook;
    const applied = applyProposals(current, accepted);
    if (applied.notebook !== current) host.commit(applied.notebook);
    let failed = false;
    for (const [index, result] of applied.results.entries()) {
      const proposal = accepted[index] as Proposal;
      if (proposal.op.op !== "exec_cell" || result.status !== "ok") {
        byKey.set(result.key, result);
        continue;
      }
      byKey.set(result.key, await execute(proposal, failed, session, outcome));
      const last = byKey.get(result.key) as OpResult;
      if (last.status !== "ok") failed = true;
    }
  }
  for (const plan of resolved.plans) {
    const result = byKey.get(plan.key);
    if (result === undefined) continue;
    if (typeof result !== "string") outcome.results.push(result);
    const content = typeof result === "string" ? result : resultContent(result);
    outcome.callResults.push({ callId: plan.call.id, name: plan.call.name, content });
  }
  return outcome;
}

async function execute(
  proposal: Proposal,
  earlierFailed: boolean,
  { host, options, attempts }: Session,
  outcome: RoundOutcome,
): Promise<OpResult> {
  const { signal } = options;
  const base = { key: proposal.key, cellId: proposal.cellId };
  if (earlierFailed) {
    return { ...base, status: "error", reason: "Not run: an earlier cell of this answer failed." };
  }
  const count = (attempts.get(proposal.cellId) ?? 0) + 1;
  attempts.set(proposal.cellId, count);
  if (count > (options.maxAttempts ?? 3)) {
    outcome.tooManyAttempts = true;
    return { ...base, status: "error", reason: "Not run: three attempts at this cell already." };
  }
  const run = await host.execute(proposal.cellId, signal);
  throwIfAborted(signal);
  const notebook = host.context().notebook;
  const error = errorSignature(notebook, proposal.cellId);
  if (error) outcome.errors.add(error);
  return runResult(proposal.key, proposal.cellId, run, notebook);
}
