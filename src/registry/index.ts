// The shared registry: variables moved between notebooks on explicit request (docs/registry.md).

export type { RegistryEntry } from "./entry.js";
export { DEFAULT_REGISTRY_LIMIT, Registry, type RegistryOptions, sourceLabel } from "./registry.js";
export { formatSize } from "./size.js";
