/**
 * The runtime with every AWS part, for the processes that play every function at once: local mode, the
 * CLI and the tests. Lambda functions build theirs with `awsRuntime` and only the parts they use (see
 * functions/handlers/).
 */
import { lambdaRuns } from './aws/lambda-part.js';
import { s3Evidence } from './aws/s3-part.js';
import { secretsManager } from './aws/secrets-part.js';
import { sesMail } from './aws/ses-part.js';
import { sqsSweepQueue } from './aws/sqs-part.js';
import { awsRuntime, type RuntimeOptions } from './aws-runtime.js';
import type { Env } from './env.js';
import type { AppRuntime } from './runtime-parts.js';

export type { RuntimeOptions } from './aws-runtime.js';

export function createRuntime(env: Env, options: RuntimeOptions = {}): AppRuntime {
  return awsRuntime(env, { mail: sesMail, bucket: s3Evidence, queue: sqsSweepQueue, secrets: secretsManager, runs: lambdaRuns }, options);
}
