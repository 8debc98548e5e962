/**
 * Environment of the Lambda functions, validated once at cold start: a missing or malformed variable
 * fails the init with its name, never defaults to ''.
 *
 * Local mode and tests set the *_ENDPOINT variables to the emulators; in AWS they are absent.
 */
import * as z from 'zod/mini';

const Env = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  BUCKET_NAME: z.optional(z.string().check(z.minLength(3))),
  MAIL_FROM: z.optional(z.string().check(z.minLength(3))),
  /** Base URL of the HTTP API / pages, used to build the upload links in e-mails. */
  PUBLIC_BASE_URL: z.optional(z.string().check(z.minLength(1))),
  /** HMAC key for the upload links: given directly (local) or as a Secrets Manager ARN (AWS). */
  TOKEN_SECRET: z.optional(z.string().check(z.minLength(16))),
  TOKEN_SECRET_ARN: z.optional(z.string()),
  /** Bearer credential of the policy office's board: directly (local) or a Secrets Manager ARN (AWS). */
  ADMIN_TOKEN: z.optional(z.string().check(z.minLength(16))),
  ADMIN_TOKEN_SECRET_ARN: z.optional(z.string()),
  ESCALATE_AFTER_DAYS: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a whole number of days'))),
  LINK_TTL_DAYS: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a whole number of days'))),
  /** The compiled plans shipped with the materialise function. */
  PLANS_FILE: z.optional(z.string()),
  /** Local mode and the simulation turn the handlers' per-request logs down. */
  LOG_LEVEL: z.optional(z.enum(['info', 'warn', 'error', 'silent'])),
  AWS_REGION: z.optional(z.string()),
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  SES_ENDPOINT: z.optional(z.string()),
  S3_ENDPOINT: z.optional(z.string()),
});
export type Env = z.infer<typeof Env>;

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = Env.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new EnvironmentError(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** A variable a particular function cannot run without. */
export function required<K extends keyof Env>(env: Env, name: K): NonNullable<Env[K]> {
  const value = env[name];
  if (value === undefined || value === '') throw new EnvironmentError(`invalid environment: ${String(name)} is required by this function`);
  return value as NonNullable<Env[K]>;
}
