/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { BounceEnv, readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeBounceHandler } from '../app/bounces-handler.js';

export const handler = makeBounceHandler(createRuntime(readEnv(BounceEnv, process.env)));
