/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { readEnv, SweepEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeSweepHandler } from '../app/sweep-handler.js';

export const handler = makeSweepHandler(createRuntime(readEnv(SweepEnv, process.env)));
