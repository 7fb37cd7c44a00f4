import chalk, { Chalk, type ChalkInstance } from 'chalk';

/** How to render for the terminal: the width to fit, in columns, and whether to colour. */
export interface RenderOptions {
  width: number;
  color: boolean;
}

/** A chalk that colours when `color` is on (at least 16 colours) and leaves text alone when off. */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? chalk.level || 1 : 0 });
}
