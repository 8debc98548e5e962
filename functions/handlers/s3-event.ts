/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { readEnv, UploadEventEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';
import { makeUploadEventHandler } from '../app/s3-event-handler.js';

export const handler = makeUploadEventHandler(createRuntime(readEnv(UploadEventEnv, process.env)));
