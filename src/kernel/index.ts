// Worker processes: interpreter choice, spawning, the wire protocol, interrupt, restart, shutdown.

export { describeExit } from "./death.js";
export {
  explicitInterpreterProblem,
  type InterpreterQuery,
  type InterpreterSource,
  type ResolvedInterpreter,
  resolveInterpreter,
  resolveInterpreterSync,
} from "./interpreter.js";
export { Kernel, type KernelEvents, killAllKernels } from "./kernel.js";
export { type LanguageInfo, pythonLanguageInfo } from "./language-info.js";
export { limitTimer } from "./limit-timer.js";
export type * from "./protocol.js";
export { PROTOCOL_VERSION } from "./protocol.js";
export type * from "./types.js";
