/**
 * The mail transport a function sends with, chosen by its environment: SES v2 (default), or SMTP
 * (`MAIL_TRANSPORT=smtp`: the AWS China partition, a bureau's relay), whose URL comes from `SMTP_URL`
 * (local mode, tests) or the secret `SMTP_SECRET_ARN` (AWS). nodemailer is loaded only when SMTP sends.
 */
import type { Mailer } from '../../core/engine/ports.js';
import { type Env, required } from '../env.js';
import { SmtpMailer } from '../smtp-mailer.js';
import { sesMail } from './ses-part.js';

/** A secret given directly, else read by its id (Secrets Manager, cached by the runtime). */
export type SecretSource = (direct: string | undefined, id: string | undefined, name: string) => Promise<string>;

export function mailTransport(env: Env, secret: SecretSource): Mailer {
  if (env.MAIL_TRANSPORT !== 'smtp') return sesMail(env);
  return new SmtpMailer(() => secret(env.SMTP_URL, env.SMTP_SECRET_ARN, 'SMTP_URL'), required(env, 'MAIL_FROM'));
}
