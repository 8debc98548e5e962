/**
 * The environment of each Lambda function, validated once at cold start by its entry file: a missing
 * or malformed variable fails the init with its name (a sweep without MAIL_FROM fails when it is
 * deployed, not at 09:00), never defaults to ''. Each function names only what it needs.
 *
 * Local mode and tests pass the *_ENDPOINT variables to point the SDK at the emulators; in AWS they are absent.
 */
import * as z from 'zod/mini';

const text = (min = 1) => z.string().check(z.minLength(min));
const days = () => z.string().check(z.regex(/^\d+$/, 'must be a whole number of days'));

const common = {
  TABLE_NAME: text(3),
  ESCALATE_AFTER_DAYS: z.optional(days()),
  /** Local mode and the simulation turn the handlers' per-request logs down. */
  LOG_LEVEL: z.optional(z.enum(['info', 'warn', 'error', 'silent'])),
  /** The Service dimension of the metrics (the stack's name): two stacks in one account never mix counts. */
  METRICS_SERVICE: z.optional(text()),
  AWS_REGION: z.optional(z.string()),
  DYNAMODB_ENDPOINT: z.optional(z.string()),
};
const mail = {
  MAIL_FROM: text(3),
  /** Base URL of the HTTP API / pages: the links in e-mails point there. */
  PUBLIC_BASE_URL: text(),
  /** The SES configuration set whose event destinations report bounces and complaints (AWS only). */
  SES_CONFIGURATION_SET: z.optional(text()),
  SES_ENDPOINT: z.optional(z.string()),
  /** `ses` (default) or `smtp`: the SMTP URL then comes from SMTP_URL (local) or the secret SMTP_SECRET_ARN (AWS). */
  MAIL_TRANSPORT: z.optional(z.enum(['ses', 'smtp'])),
  SMTP_URL: z.optional(text()),
  SMTP_SECRET_ARN: z.optional(z.string()),
};
/** Group robots: credentials by the name a calendar gives, from ROBOT_SECRETS (JSON, local) or Secrets Manager. */
const robots = {
  ROBOT_SECRETS: z.optional(text()),
  ROBOT_SECRET_PREFIX: z.optional(text()),
  /** Local mode and tests: the webhook receiver that stands in for the vendors' hosts. */
  ROBOT_ENDPOINT: z.optional(z.string()),
};
/** HMAC key of the upload links: given directly (local) or as a Secrets Manager ARN (AWS). */
const links = {
  TOKEN_SECRET: z.optional(text(16)),
  TOKEN_SECRET_ARN: z.optional(z.string()),
  LINK_TTL_DAYS: z.optional(days()),
};
const bucket = {
  BUCKET_NAME: text(3),
  S3_ENDPOINT: z.optional(z.string()),
};

const oneOf = (direct: string, arn: string) =>
  z.refine((env: unknown) => (env as Record<string, unknown>)[direct] !== undefined || (env as Record<string, unknown>)[arn] !== undefined, {
    message: `${direct} or ${arn} is required`,
    path: [direct],
  });

/** SMTP needs its URL from somewhere; SES needs nothing more. */
const smtpConfigured = z.refine(
  (env: unknown) => {
    const e = env as Record<string, unknown>;
    return e.MAIL_TRANSPORT !== 'smtp' || e.SMTP_URL !== undefined || e.SMTP_SECRET_ARN !== undefined;
  },
  { message: 'MAIL_TRANSPORT=smtp needs SMTP_URL or SMTP_SECRET_ARN', path: ['SMTP_URL'] },
);

/** The per-calendar sweep worker (and the in-process sweep of local mode): reads and writes the table, sends mail and robot messages, signs links. */
export const SweepEnv = z.object({ ...common, ...mail, ...links, ...robots }).check(oneOf('TOKEN_SECRET', 'TOKEN_SECRET_ARN'), smtpConfigured);
/** The scheduled sweep: lists the calendars and queues one order per calendar. */
export const SweepDispatchEnv = z.object({ ...common, SWEEP_QUEUE_URL: text() });
export const DigestEnv = z.object({ ...common, ...mail }).check(smtpConfigured);
/** The functions the API starts asynchronously ("sweep now", "digest now"). */
const runs = {
  SWEEP_FUNCTION_NAME: text(),
  DIGEST_FUNCTION_NAME: text(),
};

export const ApiEnv = z.object({ ...common, ...mail, ...links, ...bucket, ...runs }).check(oneOf('TOKEN_SECRET', 'TOKEN_SECRET_ARN'), smtpConfigured);
export const UploadEventEnv = z.object({ ...common, ...bucket });
/** SES bounce and complaint notifications (SNS): marks addresses on the calendars; reads and writes the table only. */
export const BounceEnv = z.object({ ...common });
/** The daily reconciliation of the evidence bucket with the table: lists the bucket, reads the table. */
export const ReconcileEnv = z.object({ ...common, ...bucket });
export const MaterialiseEnv = z.object({
  ...common,
  /** The compiled plans shipped with the function, relative to its code (LAMBDA_TASK_ROOT). */
  PLANS_FILE: z.optional(z.string()),
  LAMBDA_TASK_ROOT: z.optional(z.string()),
  /** The first admin's address and name (the deploy's `adminEmail`/`adminName`): created while no account exists. */
  BOOTSTRAP_ADMIN_EMAIL: z.optional(text(3)),
  BOOTSTRAP_ADMIN_NAME: z.optional(text()),
});

/** Everything any function may be given: what the runtime is built from (each part checked by its function's schema). */
export type Env = Partial<
  z.infer<typeof SweepEnv> &
    z.infer<typeof SweepDispatchEnv> &
    z.infer<typeof DigestEnv> &
    z.infer<typeof ApiEnv> &
    z.infer<typeof UploadEventEnv> &
    z.infer<typeof MaterialiseEnv> &
    z.infer<typeof BounceEnv> &
    z.infer<typeof ReconcileEnv>
> & { TABLE_NAME: string };

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** Validates `source` against one function's schema; the error names every missing or malformed variable. */
export function readEnv<S extends z.ZodMiniType<Record<string, unknown>>>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new EnvironmentError(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** A variable the runtime needs for the part a function uses; the function's schema has checked it at cold start. */
export function required<K extends keyof Env>(env: Env, name: K): NonNullable<Env[K]> {
  const value = env[name];
  if (value === undefined || value === '') throw new EnvironmentError(`invalid environment: ${String(name)} is required by this function`);
  return value as NonNullable<Env[K]>;
}
