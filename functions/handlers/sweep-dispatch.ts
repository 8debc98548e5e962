/** Lambda entry: the environment is checked at cold start (a missing variable fails the init), then the runtime is built once. */
import { sqsSweepQueue } from '../adapters/aws/sqs-part.js';
import { awsRuntime } from '../adapters/aws-runtime.js';
import { readEnv, SweepDispatchEnv } from '../adapters/env.js';
import { makeSweepDispatchHandler } from '../app/sweep-dispatch-handler.js';

export const handler = makeSweepDispatchHandler(awsRuntime(readEnv(SweepDispatchEnv, process.env), { queue: sqsSweepQueue }));
