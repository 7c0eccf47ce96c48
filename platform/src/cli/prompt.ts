// Reading a secret for the CLI: on a terminal, a hidden prompt typed twice; otherwise the first
// line of stdin (for scripts: `printf '%s\n' "$PW" | mallwright admin create --email ...`).
import type { Readable, Writable } from "node:stream";
import type { ReadStream } from "node:tty";
import { Cancelled, InputError } from "./context.ts";

/** Runs `fn` with the terminal in raw mode (no echo, no line editing, Ctrl-C as a key). */
export async function withRawMode<T>(input: ReadStream, fn: () => Promise<T>): Promise<T> {
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  try {
    return await fn();
  } finally {
    input.setRawMode(wasRaw);
    input.pause();
  }
}

/** Prompts on `output` and reads one line from the raw-mode terminal `input` without echoing it. */
export function promptHidden(prompt: string, input: ReadStream, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (fn: () => void) => {
      input.off("data", onData);
      output.write("\n");
      fn();
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      if (text.startsWith("\u001b")) return; // arrow keys and other escape sequences
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(value));
        if (ch === "\u0003") return finish(() => reject(new Cancelled())); // Ctrl-C
        if (ch === "\u0004") {
          // Ctrl-D: end of input when nothing was typed
          if (value === "") return finish(() => reject(new Cancelled()));
          continue;
        }
        if (ch === "\u007f" || ch === "\b") {
          value = Array.from(value).slice(0, -1).join("");
          continue;
        }
        if (ch === "\u0015") {
          value = ""; // Ctrl-U
          continue;
        }
        if (ch < " ") continue;
        value += ch;
      }
    };
    output.write(prompt);
    input.on("data", onData);
    input.resume();
  });
}

/** The first line of a (piped) stream, without its line ending; undefined when it is empty. */
export async function readFirstLine(input: Readable): Promise<string | undefined> {
  input.setEncoding("utf8");
  let buffered = "";
  let sawData = false;
  for await (const chunk of input) {
    sawData = true;
    buffered += String(chunk);
    const nl = buffered.indexOf("\n");
    if (nl >= 0) {
      buffered = buffered.slice(0, nl);
      break;
    }
  }
  if (!sawData) return undefined;
  return buffered.replace(/\r$/, "");
}

/** The real CLI's password source: a hidden prompt typed twice on a TTY, else stdin's first line. */
export async function readPasswordFromTerminal(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    // Raw mode across both prompts, so nothing typed ahead is echoed in between.
    const [first, again] = await withRawMode(stdin, async () => [
      await promptHidden("Password: ", stdin, process.stderr),
      await promptHidden("Repeat the password: ", stdin, process.stderr),
    ]);
    if (first !== again) throw new InputError([{ field: "password", message: "the two entries do not match" }]);
    return first;
  }
  const line = await readFirstLine(stdin);
  if (line === undefined) {
    throw new InputError([
      { field: "password", message: "none given: pass --password, run on a terminal, or pipe one line on stdin" },
    ]);
  }
  return line;
}
