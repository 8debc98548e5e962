/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { s3Evidence } from '../adapters/aws/s3-part.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { readEnv, UploadEventEnv } from '../adapters/env.js';
import { makeUploadEventHandler } from '../app/s3-event-handler.js';

export const handler = makeUploadEventHandler(awsRuntime(readEnv(UploadEventEnv, process.env), { bucket: s3Evidence }));
