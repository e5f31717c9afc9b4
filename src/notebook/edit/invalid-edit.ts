import { OprelError } from "../../errors.js";

export function invalidEdit(message: string, hint: string): OprelError {
  return new OprelError("EDIT_INVALID", message, hint);
}
