/**
 * `fazhi sync`: materialise the compiled calendars into the table named by TABLE_NAME (AWS, with the
 * usual credential chain, or DynamoDB Local with DYNAMODB_ENDPOINT). The deploy does the same through
 * the materialise function; this is for a first load, a check, or a changed calendar between deploys.
 *
 * All or nothing: the calendars are validated and compiled before the environment is even read, so a
 * calendar with a problem is reported as such (with or without TABLE_NAME) and nothing is written.
 */
import { loadCatalog } from '../../adapters/calendar-files.js';
import { EnvironmentError, MaterialiseEnv, readEnv } from '../../adapters/env.js';
import { createRuntime } from '../../adapters/runtime.js';
import { CalendarCompilationError, compilePlans } from '../../core/compile-all.js';
import { type MaterialiseResult, materialise } from '../../core/engine/materialise.js';
import { rollover } from '../../core/engine/rollover.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';
import { reportProblems } from './validate.js';

export interface SyncOptions {
  calendar?: string;
  year?: number;
  /** Calendars folder (default: the project's calendars/). */
  root?: string;
}

/** `env` is the process environment in the CLI; tests pass their own (the table it names is where sync writes). */
export async function syncCommand(options: SyncOptions, io: Io, now: Date, env: NodeJS.ProcessEnv): Promise<number> {
  const catalog = await loadCatalog(options.root ? { root: options.root } : {});
  if (catalog.problems.length > 0) {
    reportProblems(catalog, io);
    io.err('fazhi sync: nothing written: fix these problems first (fazhi validate lists them too)');
    return 1;
  }
  let compiled;
  try {
    compiled = compilePlans(catalog, now, options);
  } catch (error) {
    if (!(error instanceof CalendarCompilationError)) throw error;
    io.err(error.message);
    io.err('fazhi sync: nothing written');
    return 1;
  }
  if (compiled.plans.length === 0) {
    io.err(`fazhi sync: nothing to materialise${options.calendar ? ` for calendar "${options.calendar}"` : ''}${options.year ? ` in ${options.year}` : ''}`);
    return 1;
  }

  let table: string;
  let runtime;
  try {
    const parsed = readEnv(MaterialiseEnv, env);
    table = parsed.TABLE_NAME;
    runtime = createRuntime(parsed);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.err(`fazhi sync: ${error.message}. Set TABLE_NAME (and DYNAMODB_ENDPOINT for DynamoDB Local) first.`);
    return 1;
  }
  const rows: string[][] = [];
  const row = (r: MaterialiseResult) => rows.push([r.calendar, String(r.year), String(r.created), String(r.updated), String(r.cancelled), String(r.unchanged)]);
  if (options.year !== undefined) {
    // A year asked for by name is written as it is, whatever the date.
    for (const plan of compiled.plans) row(await materialise(runtime.store, plan, now, runtime.policy));
  } else {
    // Otherwise as the daily rollover does: this year and next, the years already there, withdrawals.
    const result = await rollover(runtime.store, compiled.plans, now, runtime.policy, { complete: options.calendar === undefined });
    result.materialised.forEach(row);
    for (const w of result.withdrawn) rows.push([w.calendar, String(w.year), '0', '0', `${w.cancelled} (withdrawn)`, '0']);
  }
  io.out(`materialised into table ${table}:`);
  io.out(renderTable(['calendar', 'year', 'created', 'updated', 'cancelled', 'unchanged'], rows));
  return 0;
}
