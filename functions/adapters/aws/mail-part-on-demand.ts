/** The mail transport (SES or SMTP) for a function that seldom sends (the API's rejection notices): loaded on the first send. */
import type { Mailer } from '../../core/engine/ports.js';
import type { Env } from '../env.js';
import { mailerOnFirstSend } from '../mailer-on-first-send.js';
import type { SecretSource } from './mail-part.js';

export function mailTransportOnDemand(env: Env, secret: SecretSource): Mailer {
  return mailerOnFirstSend(async () => (await import('./mail-part.js')).mailTransport(env, secret));
}
