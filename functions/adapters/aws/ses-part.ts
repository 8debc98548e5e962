/** The mail transport on SES v2, for the functions that send (sweep, digest). */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../core/engine/ports.js';
import type { Env } from '../env.js';
import { required } from '../env.js';
import { SesMailer } from '../ses-mailer.js';
import { clientConfig } from './client-config.js';

export function sesMail(env: Env): Mailer {
  // Why adaptive retries: SES throttles at its sending rate; the SDK backs off and retries for us.
  const client = new SESv2Client({ ...clientConfig(env, env.SES_ENDPOINT), maxAttempts: 6, retryMode: 'adaptive', requestHandler: { requestTimeout: 10_000 } });
  return new SesMailer(client, required(env, 'MAIL_FROM'), env.SES_CONFIGURATION_SET);
}
