/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { secretsManager } from '../adapters/aws/secrets-part.js';
import { sesMail } from '../adapters/aws/ses-part.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { readEnv, SweepEnv } from '../adapters/env.js';
import { makeSweepCalendarHandler } from '../app/sweep-calendar-handler.js';

export const handler = makeSweepCalendarHandler(awsRuntime(readEnv(SweepEnv, process.env), { mail: sesMail, secrets: secretsManager }));
