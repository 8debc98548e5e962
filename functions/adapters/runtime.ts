/**
 * Everything a handler needs, built once per cold start from the validated environment: SDK clients,
 * the store, the mailer, the bucket and the secrets. Endpoint overrides point it at local emulators.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DEFAULT_POLICY, type EnginePolicy } from '../core/engine/assess.js';
import type { DigestDeps } from '../core/engine/digest.js';
import type { LinkSettings } from '../core/engine/links.js';
import type { EngineDeps } from '../core/engine/ports.js';
import { DynamoStore } from './dynamo-store.js';
import { required, type Env } from './env.js';
import { S3Evidence } from './s3-evidence.js';
import { SesMailer } from './ses-mailer.js';

export interface Runtime {
  env: Env;
  store: DynamoStore;
  policy: EnginePolicy;
  mailer(): SesMailer;
  bucket(): S3Evidence;
  mailFrom(): string;
  tokenSecret(): Promise<string>;
  adminToken(): Promise<string>;
  links(): Promise<LinkSettings>;
  /** Dependencies of the sweep and the review. */
  engine(): Promise<EngineDeps>;
  /** Dependencies of the digest. */
  digest(): Promise<DigestDeps>;
}

/** Local emulators: s3rver's built-in key pair (the others accept any); keeps the SDK from looking for a profile. */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function createRuntime(env: Env): Runtime {
  const region = env.AWS_REGION ?? 'ap-southeast-1';
  const local = (endpoint: string | undefined) => (endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {});
  const dynamo = new DynamoDBClient({ region, ...local(env.DYNAMODB_ENDPOINT) });
  // Why adaptive retries: SES throttles at its sending rate; the SDK backs off and retries for us.
  const ses = new SESv2Client({ region, maxAttempts: 6, retryMode: 'adaptive', ...local(env.SES_ENDPOINT), requestHandler: { requestTimeout: 10_000 } });
  const s3 = new S3Client({
    region,
    ...local(env.S3_ENDPOINT),
    ...(env.S3_ENDPOINT ? { forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const secrets = new SecretsManagerClient({ region });
  const secretCache = new Map<string, Promise<string>>();
  const secret = (direct: string | undefined, arn: string | undefined, name: string): Promise<string> => {
    if (direct) return Promise.resolve(direct);
    if (!arn) return Promise.reject(new Error(`${name} or ${name}_SECRET_ARN is required by this function`));
    let cached = secretCache.get(arn);
    if (!cached) {
      cached = secrets.send(new GetSecretValueCommand({ SecretId: arn })).then((r) => {
        if (!r.SecretString) throw new Error(`secret ${arn} has no string value`);
        return r.SecretString;
      });
      secretCache.set(arn, cached);
    }
    return cached;
  };

  let mailer: SesMailer | undefined;
  let bucket: S3Evidence | undefined;
  const runtime: Runtime = {
    env,
    store: new DynamoStore(dynamo, env.TABLE_NAME),
    policy: { ...DEFAULT_POLICY, ...(env.ESCALATE_AFTER_DAYS ? { escalateAfterDays: Number(env.ESCALATE_AFTER_DAYS) } : {}) },
    mailer: () => (mailer ??= new SesMailer(ses, runtime.mailFrom())),
    bucket: () => (bucket ??= new S3Evidence(s3, required(env, 'BUCKET_NAME'))),
    mailFrom: () => required(env, 'MAIL_FROM'),
    tokenSecret: () => secret(env.TOKEN_SECRET, env.TOKEN_SECRET_ARN, 'TOKEN_SECRET'),
    adminToken: () => secret(env.ADMIN_TOKEN, env.ADMIN_TOKEN_SECRET_ARN, 'ADMIN_TOKEN'),
    links: async () => ({ baseUrl: required(env, 'PUBLIC_BASE_URL'), secret: await runtime.tokenSecret(), ttlDays: Number(env.LINK_TTL_DAYS ?? 30) }),
    engine: async () => ({ store: runtime.store, mailer: runtime.mailer(), policy: runtime.policy, links: await runtime.links(), mailFrom: runtime.mailFrom() }),
    digest: async () => ({ store: runtime.store, mailer: runtime.mailer(), boardUrl: `${required(env, 'PUBLIC_BASE_URL').replace(/\/$/, '')}/board`, mailFrom: runtime.mailFrom() }),
  };
  return runtime;
}
