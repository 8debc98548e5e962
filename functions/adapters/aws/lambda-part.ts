/** The runs the API starts ("sweep now", "digest now"): asynchronous Lambda invocations of the named functions. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Env } from '../env.js';
import { type AsyncInvoker, LambdaInvoker } from '../invokers.js';
import { clientConfig } from './client-config.js';

export function lambdaRuns(env: Env): AsyncInvoker | undefined {
  if (!env.SWEEP_FUNCTION_NAME || !env.DIGEST_FUNCTION_NAME) return undefined;
  return new LambdaInvoker(new LambdaClient(clientConfig(env, undefined)), { sweep: env.SWEEP_FUNCTION_NAME, digest: env.DIGEST_FUNCTION_NAME });
}
