/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { DigestEnv, readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeDigestHandler } from '../app/digest-handler.js';

export const handler = makeDigestHandler(createRuntime(readEnv(DigestEnv, process.env)));
