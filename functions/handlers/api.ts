/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { ApiEnv, readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeApiHandler } from '../app/api-handler.js';

export const handler = makeApiHandler(createRuntime(readEnv(ApiEnv, process.env)));
