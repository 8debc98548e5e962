/**
 * The runtime on AWS (or on the local emulators, through the *_ENDPOINT overrides), built once per
 * cold start from the environment the entry file validated: SDK clients, store, mailer, bucket, secrets.
 */

import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AccessStore } from '../core/access/ports.js';
import { dynamoAccess } from './dynamo/access.js';
import { dynamoStore } from './dynamo/store.js';
import { type Env, EnvironmentError, required } from './env.js';
import { evidenceOrigin } from './evidence-origin.js';
import { type AsyncInvoker, LambdaInvoker } from './invokers.js';
import { type AppRuntime, assembleRuntime } from './runtime-parts.js';
import { S3Evidence } from './s3-evidence.js';
import { cachedSecrets } from './secrets.js';
import { SesMailer } from './ses-mailer.js';

/** Local emulators: s3rver's built-in key pair (the others accept any); keeps the SDK from looking for a profile. */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RuntimeOptions {
  clock?: () => Date;
  /**
   * How the runs the API starts are invoked. Default: the sweep and digest functions named by
   * SWEEP_FUNCTION_NAME and DIGEST_FUNCTION_NAME, asynchronously; local mode and the tests pass
   * `inProcessRuns` (functions/local/in-process-runs.ts).
   */
  invoker?: (runtime: AppRuntime) => AsyncInvoker;
  /** Replaces the access store on the table (a test that has no table to read accounts from). */
  access?: AccessStore;
}

export function createRuntime(env: Env, options: RuntimeOptions = {}): AppRuntime {
  const region = env.AWS_REGION ?? 'ap-southeast-1';
  const local = (endpoint: string | undefined) => (endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {});
  const dynamo = new DynamoDBClient({ region, ...local(env.DYNAMODB_ENDPOINT) });
  let ses: SESv2Client | undefined;
  let s3: S3Client | undefined;
  let secrets: SecretsManagerClient | undefined;
  let lambda: LambdaClient | undefined;
  const fromSecretsManager = cachedSecrets(async (arn) => {
    secrets ??= new SecretsManagerClient({ region });
    const r = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!r.SecretString) throw new EnvironmentError(`secret ${arn} has no string value`);
    return r.SecretString;
  });
  const secret = (direct: string | undefined, arn: string | undefined, name: string): Promise<string> => {
    if (direct) return Promise.resolve(direct);
    if (!arn) return Promise.reject(new EnvironmentError(`invalid environment: ${name} or ${name}_SECRET_ARN is required by this function`));
    return fromSecretsManager(arn);
  };
  const lambdaRuns = env.SWEEP_FUNCTION_NAME && env.DIGEST_FUNCTION_NAME ? { sweep: env.SWEEP_FUNCTION_NAME, digest: env.DIGEST_FUNCTION_NAME } : undefined;
  let mailer: SesMailer | undefined;
  let bucket: S3Evidence | undefined;
  return assembleRuntime({
    store: dynamoStore(dynamo, env.TABLE_NAME),
    access: options.access ?? dynamoAccess(dynamo, env.TABLE_NAME),
    mailer: () => {
      // Why adaptive retries: SES throttles at its sending rate; the SDK backs off and retries for us.
      ses ??= new SESv2Client({ region, maxAttempts: 6, retryMode: 'adaptive', ...local(env.SES_ENDPOINT), requestHandler: { requestTimeout: 10_000 } });
      mailer ??= new SesMailer(ses, required(env, 'MAIL_FROM'), env.SES_CONFIGURATION_SET);
      return mailer;
    },
    bucket: () => {
      s3 ??= new S3Client({
        region,
        ...local(env.S3_ENDPOINT),
        ...(env.S3_ENDPOINT ? { forcePathStyle: true } : {}),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      bucket ??= new S3Evidence(s3, required(env, 'BUCKET_NAME'));
      return bucket;
    },
    tokenSecret: () => secret(env.TOKEN_SECRET, env.TOKEN_SECRET_ARN, 'TOKEN_SECRET'),
    ...(options.clock ? { clock: options.clock } : {}),
    mailFrom: env.MAIL_FROM,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkTtlDays: env.LINK_TTL_DAYS ? Number(env.LINK_TTL_DAYS) : undefined,
    escalateAfterDays: env.ESCALATE_AFTER_DAYS ? Number(env.ESCALATE_AFTER_DAYS) : undefined,
    logLevel: env.LOG_LEVEL,
    metricsService: env.METRICS_SERVICE,
    plansFile: resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), env.PLANS_FILE ?? 'plans.json'),
    evidenceOrigin: env.BUCKET_NAME ? evidenceOrigin({ bucketName: env.BUCKET_NAME, region, endpoint: env.S3_ENDPOINT }) : undefined,
    invoker:
      options.invoker ??
      (lambdaRuns
        ? () => {
            lambda ??= new LambdaClient({ region });
            return new LambdaInvoker(lambda, lambdaRuns);
          }
        : undefined),
  });
}
