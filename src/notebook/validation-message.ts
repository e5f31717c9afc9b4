// Turns ajv's errors into one sentence a person can act on: where (as a readable property path)
// and why. Alternatives of a oneOf are folded into one "must be X or Y".

export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface Problem {
  /** JSON pointer into the notebook. */
  path: string;
  /** e.g. "'metadata.tags[0]' must not contain a comma" */
  detail: string;
}

/** The most useful of ajv's errors for a part of the document found at `basePath`. */
export function describeErrors(errors: readonly SchemaError[], basePath = ""): Problem {
  const best = pickError(errors);
  if (!best) return { path: basePath, detail: "does not match the nbformat 4.5 schema" };
  return { path: basePath + best.instancePath, detail: explain(best, errors) };
}

function pickError(errors: readonly SchemaError[]): SchemaError | undefined {
  // Errors inside a oneOf alternative are summarised by the oneOf error itself.
  const alternatives = errors.filter((error) => error.keyword === "oneOf");
  const candidates = errors.filter(
    (error) =>
      !alternatives.some(
        (one) => error !== one && error.schemaPath.startsWith(`${one.schemaPath}/`),
      ),
  );
  let best: SchemaError | undefined;
  for (const error of candidates) {
    if (!best || depth(error.instancePath) > depth(best.instancePath)) best = error;
  }
  return best;
}

function depth(pointer: string): number {
  return pointer === "" ? 0 : pointer.split("/").length - 1;
}

function explain(error: SchemaError, all: readonly SchemaError[]): string {
  const segments = pointerSegments(error.instancePath);
  const params = error.params;
  switch (error.keyword) {
    case "required":
      return `${quote([...segments, String(params.missingProperty)])} is missing`;
    case "additionalProperties":
      return `${quote([...segments, String(params.additionalProperty)])} is not allowed here`;
    case "type":
      return `${subject(segments)} must be ${typeList(String(params.type).split(","))}`;
    case "oneOf":
      return `${subject(segments)} must be ${typeList(alternativeTypes(error, all))}`;
    case "enum":
      return `${subject(segments)} must be one of ${(params.allowedValues as unknown[]).map(String).join(", ")}`;
    case "pattern":
      return `${subject(segments)} ${PATTERN_MEANING[String(params.pattern)] ?? `must match ${String(params.pattern)}`}`;
    case "minLength":
      return `${subject(segments)} must be at least ${String(params.limit)} characters long`;
    case "maxLength":
      return `${subject(segments)} must be at most ${String(params.limit)} characters long`;
    case "minimum":
    case "maximum":
      return `${subject(segments)} must be ${String(params.comparison)} ${String(params.limit)}`;
    case "uniqueItems": {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return `${subject(segments)} must not repeat an item (items ${Number(first) + 1} and ${Number(second) + 1} are equal)`;
    }
    default:
      return `${subject(segments)} ${error.message ?? "is invalid"}`;
  }
}

const PATTERN_MEANING: Record<string, string> = {
  "^[a-zA-Z0-9-_]+$": "must contain only letters, digits, '-' and '_'",
  "^[^,]+$": "must not be empty or contain a comma",
  "^.+$": "must not be empty or contain a line break",
};

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
};

function typeList(types: readonly string[]): string {
  if (types.length === 2 && types.includes("string") && types.includes("array")) {
    return "a string or a list of strings"; // nbformat's multi-line string
  }
  const names = types.map((type) => TYPE_NAMES[type] ?? type);
  return names.length > 1
    ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`
    : (names[0] ?? "valid");
}

function alternativeTypes(oneOf: SchemaError, all: readonly SchemaError[]): string[] {
  const types = all
    .filter(
      (error) =>
        error.keyword === "type" &&
        error.instancePath === oneOf.instancePath &&
        error.schemaPath.startsWith(`${oneOf.schemaPath}/`),
    )
    .flatMap((error) => String(error.params.type).split(","));
  return [...new Set(types)];
}

function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** "metadata.tags[0]", "data['text/plain']" */
export function propertyPath(segments: readonly string[]): string {
  let text = "";
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) {
      text += text === "" ? segment : `.${segment}`;
    } else text += `['${segment}']`;
  }
  return text;
}

function quote(segments: readonly string[]): string {
  return `'${propertyPath(segments)}'`;
}

/** Empty at the root of the part: the caller's location names it ("cell 3 must be an object"). */
function subject(segments: readonly string[]): string {
  return segments.length === 0 ? "" : quote(segments);
}

/** "cell 3 (id ab12cd34): 'source' must be a string" or "cell 3 must be an object". */
export function formatProblem(location: string, detail: string): string {
  if (location === "") return detail.trimStart();
  return detail.startsWith(" ") ? `${location}${detail}` : `${location}: ${detail}`;
}
