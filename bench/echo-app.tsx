// The keystroke baseline of bench/ui.ts: the smallest Ink app that shows the keys it gets.
// Printable keys are appended, Backspace removes the last one, Ctrl+C quits.

import { render, Text, useApp, useInput } from "ink";
import { useState } from "react";

function Echo() {
  const [typed, setTyped] = useState("");
  const { exit } = useApp();
  useInput((input, key) => {
    if (key.ctrl && input === "c") exit();
    else if (key.backspace || key.delete) setTyped((t) => t.slice(0, -1));
    else if (input && !key.ctrl && !key.meta) setTyped((t) => t + input);
  });
  return <Text>echo: {typed}</Text>;
}

render(<Echo />);
