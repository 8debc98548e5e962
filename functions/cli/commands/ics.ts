import { planToIcs } from '../../core/ics.js';
import type { Io } from '../io.js';
import { loadPlan, type PlanOptions } from './preview.js';

export async function icsCommand(options: PlanOptions, io: Io, now: Date): Promise<number> {
  io.out(planToIcs(await loadPlan(options), now));
  return 0;
}
