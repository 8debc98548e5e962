/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { awsRuntime } from '../adapters/aws-runtime.js';
import { MaterialiseEnv, readEnv } from '../adapters/env.js';
import { makeMaterialiseHandler } from '../app/materialise-handler.js';

export const handler = makeMaterialiseHandler(awsRuntime(readEnv(MaterialiseEnv, process.env), {}));
