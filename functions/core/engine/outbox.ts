/**
 * Delivers mails recorded in the outbox. A mail is committed (with the state changes it reports)
 * before it is sent, and claimed with a lease while sending, so a doubled or retried sweep never sends
 * it twice and a crash never loses it: an unsent mail is picked up by the next run.
 */
import { MailTransportError, type Mailer, type Store } from './ports.js';
import type { MailRecord } from './records.js';

export interface DeliveryResult {
  sent: string[];
  failed: { id: string; error: string; permanent: boolean }[];
  /** Held by another sender right now. */
  skipped: string[];
}

/** Long enough to outlive a Lambda invocation, so an expired lease means its sender died. */
export const MAIL_LEASE_SECONDS = 15 * 60;
/** After this many transient failures a mail is marked failed (and shows up in the alarms/logs). */
export const MAX_MAIL_ATTEMPTS = 5;

export async function deliverPending(store: Store, mailer: Mailer, now: Date, from?: string): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: [], failed: [], skipped: [] };
  for (const mail of await store.unsentMails()) await deliverOne(store, mailer, mail, now, result, from);
  return result;
}

export async function deliverMail(store: Store, mailer: Mailer, id: string, now: Date, from?: string): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: [], failed: [], skipped: [] };
  const mail = await store.getMail(id);
  if (mail && mail.status !== 'sent' && mail.status !== 'failed') await deliverOne(store, mailer, mail, now, result, from);
  return result;
}

async function deliverOne(store: Store, mailer: Mailer, mail: MailRecord, now: Date, result: DeliveryResult, from?: string): Promise<void> {
  const leaseUntil = new Date(now.getTime() + MAIL_LEASE_SECONDS * 1000).toISOString();
  if (!(await store.claimMail(mail.id, leaseUntil, now.toISOString()))) {
    result.skipped.push(mail.id);
    return;
  }
  try {
    const messageId = await mailer.send({ ...(from ? { from } : {}), to: mail.to, cc: mail.cc, subject: mail.subject, html: mail.html, text: mail.text });
    await store.markMailSent(mail.id, messageId, new Date().toISOString());
    result.sent.push(mail.id);
  } catch (error) {
    const permanent = (error instanceof MailTransportError && error.permanent) || mail.attempts + 1 >= MAX_MAIL_ATTEMPTS;
    const message = (error as Error).message;
    await store.releaseMail(mail.id, message, permanent);
    result.failed.push({ id: mail.id, error: message, permanent });
  }
}
