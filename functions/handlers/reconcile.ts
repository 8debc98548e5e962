/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { s3Evidence } from '../adapters/aws/s3-part.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { ReconcileEnv, readEnv } from '../adapters/env.js';
import { makeReconcileHandler } from '../app/reconcile-handler.js';

export const handler = makeReconcileHandler(awsRuntime(readEnv(ReconcileEnv, process.env), { bucket: s3Evidence }));
