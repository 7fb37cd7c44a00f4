import { setFlagsFromString } from 'node:v8';

/**
 * The largest function, in bytes of bytecode, that V8's optimising compiler inlines once
 * {@link inlineOnlySmallFunctions} is called; V8's default is 460.
 */
const MAX_INLINED_BYTECODE = 50;

/**
 * Makes V8's optimising compiler inline only small functions for the rest of the process.
 * Parsing every note (no parse cache yet) is one pass over megabytes of text by code that has
 * just been loaded: it runs in the interpreter until optimised code arrives, and with the default
 * budget the compiler, on a background thread that shares two cores with the garbage collector,
 * builds large graphs that arrive late. Measured on the benchmark's notes-L (`prep show` with
 * nothing cached, median of 9): 878 ms with the default, 744 ms with 50, 795 ms with no inlining.
 * The flag is read by each compile job as it starts, so setting it after start-up is safe: it
 * changes how later code is optimised, never what it does.
 */
export function inlineOnlySmallFunctions(): void {
  setFlagsFromString(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE}`);
}
