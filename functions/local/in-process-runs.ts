/**
 * The local adapter of the "invoke asynchronously" port: the sweep and digest handlers built over the
 * same runtime, run in the background of this process (local mode, the tests, the simulation).
 */
import { LocalInvoker } from '../adapters/invokers.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { makeDigestHandler } from '../app/digest-handler.js';
import { makeSweepHandler } from '../app/sweep-handler.js';

export function inProcessRuns(runtime: AppRuntime): LocalInvoker {
  return new LocalInvoker(() => ({ sweep: makeSweepHandler(runtime), digest: makeDigestHandler(runtime) }), runtime.log);
}
