/**
 * `fazhi sync`: materialise the compiled calendars into the table named by TABLE_NAME (AWS, with the
 * usual credential chain, or DynamoDB Local with DYNAMODB_ENDPOINT). The deploy does the same through
 * the materialise function; this is for a first load, a check, or a changed calendar between deploys.
 */
import { loadCatalog } from '../../adapters/calendar-files.js';
import { EnvironmentError, readEnv } from '../../adapters/env.js';
import { createRuntime } from '../../adapters/runtime.js';
import { compilePlans } from '../../core/compile-all.js';
import { materialise } from '../../core/engine/materialise.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';

export async function syncCommand(options: { calendar?: string; year?: number }, io: Io, now: Date): Promise<number> {
  let runtime;
  try {
    runtime = createRuntime(readEnv());
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.err(`fazhi sync: ${error.message}. Set TABLE_NAME (and DYNAMODB_ENDPOINT for DynamoDB Local) first.`);
    return 1;
  }
  const catalog = await loadCatalog();
  const compiled = compilePlans(catalog, now, options);
  if (compiled.plans.length === 0) {
    io.err(`fazhi sync: nothing to materialise${options.calendar ? ` for calendar "${options.calendar}"` : ''}${options.year ? ` in ${options.year}` : ''}`);
    return 1;
  }
  const rows: string[][] = [];
  for (const plan of compiled.plans) {
    const result = await materialise(runtime.store, plan, now, runtime.policy, compiled.notices);
    rows.push([plan.calendar, String(plan.year), String(result.created), String(result.updated), String(result.cancelled), String(result.unchanged)]);
  }
  io.out(`materialised into table ${runtime.env.TABLE_NAME}:`);
  io.out(renderTable(['calendar', 'year', 'created', 'updated', 'cancelled', 'unchanged'], rows));
  return 0;
}
