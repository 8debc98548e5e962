/**
 * The Lambda handlers built over one runtime, for local mode, the simulation and the tests: the same
 * factories the entry files use, wired explicitly: nothing reads or writes the process environment.
 */
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { makeApiHandler } from '../app/api-handler.js';
import { makeBounceHandler } from '../app/bounces-handler.js';
import { makeDigestHandler } from '../app/digest-handler.js';
import { makeMaterialiseHandler } from '../app/materialise-handler.js';
import { makeReconcileHandler } from '../app/reconcile-handler.js';
import { makeUploadEventHandler } from '../app/s3-event-handler.js';
import { makeSweepHandler } from '../app/sweep-handler.js';

export function handlersFor<R extends AppRuntime>(runtime: R) {
  return {
    api: makeApiHandler(runtime),
    sweep: makeSweepHandler(runtime),
    digest: makeDigestHandler(runtime),
    s3Event: makeUploadEventHandler(runtime),
    materialise: makeMaterialiseHandler(runtime),
    bounces: makeBounceHandler(runtime),
    reconcile: makeReconcileHandler(runtime),
    /** The runtime the handlers were built with (store, policy) for direct use of the core. */
    runtime,
  };
}

export type Handlers<R extends AppRuntime = AppRuntime> = ReturnType<typeof handlersFor<R>>;
