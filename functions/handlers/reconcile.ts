/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { ReconcileEnv, readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeReconcileHandler } from '../app/reconcile-handler.js';

export const handler = makeReconcileHandler(createRuntime(readEnv(ReconcileEnv, process.env)));
