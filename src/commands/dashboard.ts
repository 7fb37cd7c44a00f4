import { renderDashboard } from '../stats/dashboard.js';
import type { CommandContext } from './context.js';
import { gatherStats } from './stats.js';

/** `prep` with no command: a short dashboard (due now, new left, streak, next due) and the command to run next. */
export async function run(ctx: CommandContext): Promise<number> {
  ctx.stdout.write(renderDashboard(await gatherStats(ctx), { width: ctx.width, color: ctx.color }));
  return 0;
}
