/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */

import { lambdaRuns } from '../adapters/aws/lambda-part.js';
import { s3Evidence } from '../adapters/aws/s3-part.js';
import { secretsManager } from '../adapters/aws/secrets-part.js';
import { sesMailOnDemand } from '../adapters/aws/ses-part-on-demand.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { ApiEnv, readEnv } from '../adapters/env.js';
import { makeApiHandler } from '../app/api-handler.js';

export const handler = makeApiHandler(awsRuntime(readEnv(ApiEnv, process.env), { mail: sesMailOnDemand, bucket: s3Evidence, secrets: secretsManager, runs: lambdaRuns }));
