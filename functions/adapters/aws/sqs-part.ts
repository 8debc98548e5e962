/** The sweep's queue on SQS, for the scheduled run that hands each calendar to a worker. */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SweepQueue } from '../../core/engine/ports.js';
import type { Env } from '../env.js';
import { required } from '../env.js';
import { SqsSweepQueue } from '../sqs-sweep-queue.js';
import { clientConfig } from './client-config.js';

export function sqsSweepQueue(env: Env): SweepQueue {
  return new SqsSweepQueue(new SQSClient(clientConfig(env, undefined)), required(env, 'SWEEP_QUEUE_URL'));
}
