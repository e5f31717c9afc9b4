// Kernels: oprel's Python worker (interpreter choice, spawning, its wire protocol, interrupt,
// restart, shutdown) and Jupyter kernels over ZeroMQ, behind one NotebookKernel interface.

export {
  chooseKernel,
  describeKernel,
  type KernelChoice,
  type KernelDescription,
  KernelNotInstalledError,
  kernelOptions,
  kernelspecOf,
  PYTHON_JUPYTER,
  startKernel,
} from "./choose.js";
export { describeExit } from "./death.js";
export {
  explicitInterpreterProblem,
  type InterpreterQuery,
  type InterpreterSource,
  type ResolvedInterpreter,
  resolveInterpreter,
  resolveInterpreterSync,
} from "./interpreter.js";
export { JupyterKernel, type JupyterKernelOptions } from "./jupyter/jupyter-kernel.js";
export {
  findKernelSpec,
  findKernelSpecs,
  jupyterDataPath,
  type KernelSpec,
} from "./jupyter/kernelspec.js";
export { Kernel, type KernelEvents, killAllKernels } from "./kernel.js";
export { type LanguageInfo, pythonLanguageInfo } from "./language-info.js";
export { limitTimer } from "./limit-timer.js";
export type * from "./protocol.js";
export { PROTOCOL_VERSION } from "./protocol.js";
export type * from "./types.js";
