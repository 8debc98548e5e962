/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { sesMail } from '../adapters/aws/ses-part.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { DigestEnv, readEnv } from '../adapters/env.js';
import { makeDigestHandler } from '../app/digest-handler.js';

export const handler = makeDigestHandler(awsRuntime(readEnv(DigestEnv, process.env), { mail: sesMail }));
