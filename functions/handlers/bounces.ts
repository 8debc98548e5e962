/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { awsRuntime } from '../adapters/aws-runtime.js';
import { BounceEnv, readEnv } from '../adapters/env.js';
import { makeBounceHandler } from '../app/bounces-handler.js';

export const handler = makeBounceHandler(awsRuntime(readEnv(BounceEnv, process.env), {}));
