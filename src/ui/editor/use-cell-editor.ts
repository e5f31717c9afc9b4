// The text buffer reducer as React state. Input arrives as commands from the app shell (no
// useInput here): the shell maps editor.* commands with commandToAction and dispatches them.

import { type Dispatch, useReducer } from "react";
import {
  createTextBuffer,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "./text-buffer.js";

export interface CellEditorHandle {
  state: TextBufferState;
  dispatch: Dispatch<TextBufferAction>;
}

/** A buffer that starts from `initialText`; remount (key by cell id) to edit another cell. */
export function useCellEditor(initialText: string): CellEditorHandle {
  const [state, dispatch] = useReducer(textBufferReducer, initialText, createTextBuffer);
  return { state, dispatch };
}
