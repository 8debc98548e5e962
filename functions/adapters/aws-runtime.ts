/**
 * The runtime of one Lambda function, built once per cold start from the environment its entry file
 * validated, with only the parts its job uses: every function has the store (DynamoDB); the entry names
 * the rest (mail transport, evidence bucket, secrets, the runs it starts). A part the entry does not name
 * is neither bundled nor loaded, so the sweep carries no S3 client and materialise no SES client.
 * Clients are built on first use and kept for the life of the instance.
 */
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AccessStore } from '../core/access/ports.js';
import type { EvidenceBucket, Mailer, RobotChannel, SweepQueue } from '../core/engine/ports.js';
import { clientConfig, regionOf } from './aws/client-config.js';
import type { SecretSource } from './aws/mail-part.js';
import { dynamoAccess } from './dynamo/access.js';
import { dynamoStore } from './dynamo/store.js';
import { type Env, EnvironmentError } from './env.js';
import { evidenceOrigin } from './evidence-origin.js';
import type { AsyncInvoker } from './invokers.js';
import { type AppRuntime, assembleRuntime } from './runtime-parts.js';

export interface AwsParts {
  /** The mail transport; it may read its configuration from a secret (SMTP). */
  mail?: (env: Env, secret: SecretSource) => Mailer;
  /** The group robots' channel (the sweep). */
  robots?: (env: Env, secret: SecretSource, clock: () => Date) => RobotChannel;
  bucket?: (env: Env) => EvidenceBucket;
  /** The sweep's queue, for the scheduled run that hands each calendar to a worker. */
  queue?: (env: Env) => SweepQueue;
  /** Reads a secret by ARN (the *_SECRET_ARN variables); a function given its secrets directly needs none. */
  secrets?: (env: Env) => (arn: string) => Promise<string>;
  /** Starts the runs the API asks for; undefined when the function names none. */
  runs?: (env: Env) => AsyncInvoker | undefined;
}

export interface RuntimeOptions {
  clock?: () => Date;
  /**
   * How the runs the API starts are invoked, instead of `parts.runs`: local mode and the tests pass
   * `inProcessRuns` (functions/local/in-process-runs.ts).
   */
  invoker?: (runtime: AppRuntime) => AsyncInvoker;
  /** How delivery waits for a robot's rate (tests pass one that moves their clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Replaces the access store on the table (a test that has no table to read accounts from). */
  access?: AccessStore;
}

/** A value built on first use, then kept. */
function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}

const missing = (part: string) => () => {
  throw new EnvironmentError(`invalid environment: this function is not given ${part}`);
};

export function awsRuntime(env: Env, parts: AwsParts, options: RuntimeOptions = {}): AppRuntime {
  const readSecret = parts.secrets ? once(() => parts.secrets!(env)) : undefined;
  const secret: SecretSource = (direct, arn, name) => {
    if (direct) return Promise.resolve(direct);
    if (!arn || !readSecret) return Promise.reject(new EnvironmentError(`invalid environment: ${name} or ${name}_SECRET_ARN is required by this function`));
    return readSecret()(arn);
  };
  // Built at cold start, as SDK clients are: undefined when the function names no runs to start.
  const invoker = parts.runs?.(env);
  const clock = options.clock ?? (() => new Date());
  const dynamo = new DynamoDBClient(clientConfig(env, env.DYNAMODB_ENDPOINT));
  return assembleRuntime({
    store: dynamoStore(dynamo, env.TABLE_NAME),
    access: options.access ?? dynamoAccess(dynamo, env.TABLE_NAME),
    mailer: parts.mail ? once(() => parts.mail!(env, secret)) : missing('a mail transport'),
    ...(parts.robots ? { robots: once(() => parts.robots!(env, secret, clock)) } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    bucket: parts.bucket ? once(() => parts.bucket!(env)) : missing('the evidence bucket'),
    sweepQueue: parts.queue ? once(() => parts.queue!(env)) : undefined,
    tokenSecret: () => secret(env.TOKEN_SECRET, env.TOKEN_SECRET_ARN, 'TOKEN_SECRET'),
    clock,
    mailFrom: env.MAIL_FROM,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkTtlDays: env.LINK_TTL_DAYS ? Number(env.LINK_TTL_DAYS) : undefined,
    escalateAfterDays: env.ESCALATE_AFTER_DAYS ? Number(env.ESCALATE_AFTER_DAYS) : undefined,
    logLevel: env.LOG_LEVEL,
    metricsService: env.METRICS_SERVICE,
    plansFile: resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), env.PLANS_FILE ?? 'plans.json'),
    bootstrapAdmin: env.BOOTSTRAP_ADMIN_EMAIL ? { email: env.BOOTSTRAP_ADMIN_EMAIL, name: env.BOOTSTRAP_ADMIN_NAME ?? '管理员' } : undefined,
    evidenceOrigin: env.BUCKET_NAME ? evidenceOrigin({ bucketName: env.BUCKET_NAME, region: regionOf(env), endpoint: env.S3_ENDPOINT }) : undefined,
    invoker: options.invoker ?? (invoker ? () => invoker : undefined),
  });
}
