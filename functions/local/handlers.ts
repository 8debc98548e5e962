/**
 * The Lambda handlers, loaded in-process for local mode, the simulation and the tests. Imported only
 * after the caller has set the environment: each handler reads it once, at import, as at a cold start.
 */
export async function loadHandlers() {
  return {
    api: (await import('../handlers/api.js')).handler,
    sweep: (await import('../handlers/sweep.js')).handler,
    digest: (await import('../handlers/digest.js')).handler,
    s3Event: (await import('../handlers/s3-event.js')).handler,
    materialise: (await import('../handlers/materialise.js')).handler,
    /** The shared runtime the handlers were built with (store, policy) for direct use of the core. */
    runtime: (await import('../handlers/runtime-instance.js')).runtime,
  };
}

export type Handlers = Awaited<ReturnType<typeof loadHandlers>>;
