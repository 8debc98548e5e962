/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { MaterialiseEnv, readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeMaterialiseHandler } from '../app/materialise-handler.js';

export const handler = makeMaterialiseHandler(createRuntime(readEnv(MaterialiseEnv, process.env)));
