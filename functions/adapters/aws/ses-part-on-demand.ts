/** SES v2 for a function that seldom sends (the API's rejection notices): loaded on the first send. */
import type { Mailer } from '../../core/engine/ports.js';
import type { Env } from '../env.js';
import { mailerOnFirstSend } from '../mailer-on-first-send.js';

export function sesMailOnDemand(env: Env): Mailer {
  return mailerOnFirstSend(async () => (await import('./ses-part.js')).sesMail(env));
}
