/**
 * Which channels a runtime sends through, from its environment: mail by SES v2 (default) or SMTP
 * (`MAIL_TRANSPORT=smtp`, the URL from `SMTP_URL` locally or the secret `SMTP_SECRET_ARN` in AWS), and
 * the group robots, whose credentials are secrets named by the calendars: `ROBOT_SECRETS` (a JSON
 * object of name → credentials, local mode and tests) or Secrets Manager under `ROBOT_SECRET_PREFIX`.
 */
import type { Mailer, RobotChannel } from '../core/engine/ports.js';
import { type Env, EnvironmentError, required } from './env.js';
import { HttpRobotChannel } from './robots/robot-channel.js';
import { ROBOT_SECRET_PREFIX } from './robots/robot-secret-prefix.js';
import { SmtpMailer } from './smtp-mailer.js';

export interface ChannelSources {
  /** A secret given directly, else read from Secrets Manager by its id (cached by the caller). */
  secret: (direct: string | undefined, id: string | undefined, name: string) => Promise<string>;
  clock: () => Date;
}

export function smtpMailer(env: Env, sources: ChannelSources): Mailer {
  return new SmtpMailer(() => sources.secret(env.SMTP_URL, env.SMTP_SECRET_ARN, 'SMTP_URL'), required(env, 'MAIL_FROM'));
}

export function robotChannel(env: Env, sources: ChannelSources): RobotChannel {
  const local = env.ROBOT_SECRETS ? (JSON.parse(env.ROBOT_SECRETS) as Record<string, unknown>) : undefined;
  const prefix = env.ROBOT_SECRET_PREFIX ?? ROBOT_SECRET_PREFIX;
  return new HttpRobotChannel({
    clock: sources.clock,
    endpoint: env.ROBOT_ENDPOINT,
    secret: async (name) => {
      if (!local) return sources.secret(undefined, `${prefix}${name}`, name);
      const value = local[name];
      if (value === undefined) throw new EnvironmentError(`no robot secret "${name}" in ROBOT_SECRETS`);
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
  });
}
