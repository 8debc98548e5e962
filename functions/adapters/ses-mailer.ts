/**
 * The Mailer on SES v2 (SendEmail, simple content: Chinese subject, HTML and plain-text bodies).
 * Throttling is retried by the SDK's own retry strategy (configured on the client); what is left is
 * mapped to a MailTransportError that says whether trying again can help.
 *
 * Transient: anything about the account or the moment, not the mail: throttling and quotas (the SDK
 * gave up), outages, and `SendingPausedException` (sending paused for the account or its configuration
 * set, e.g. during a review of the bounce rate): once sending resumes the mail goes out. Permanent: what
 * is wrong with the mail or its sender, which no retry fixes.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type Mailer, MailTransportError, type OutgoingMail } from '../core/engine/ports.js';

/** SES errors that no retry will fix. */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'BadRequestException', 'NotFoundException']);

/**
 * Account-level limits that SES (v1 and some v2 paths) reports as a rejected message or a throttle:
 * "Maximum sending rate exceeded.", "Daily message quota exceeded.", "Sending paused for this account.".
 */
const ACCOUNT_LIMIT = /maximum sending rate|quota exceeded|sending (?:is )?paused|throttl/i;

export function isPermanentSesError(name: string, message: string): boolean {
  return PERMANENT.has(name) && !ACCOUNT_LIMIT.test(message);
}

export class SesMailer implements Mailer {
  /** `configurationSet`: SES publishes each mail's bounces and complaints through it (see the stack). */
  constructor(
    private readonly client: SESv2Client,
    private readonly defaultFrom: string,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<string> {
    try {
      const response = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from ?? this.defaultFrom,
          Destination: { ToAddresses: mail.to, ...(mail.cc.length > 0 ? { CcAddresses: mail.cc } : {}) },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
            },
          },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      if (!response.MessageId) throw new MailTransportError('SES accepted the mail but returned no MessageId', false);
      return response.MessageId;
    } catch (error) {
      if (error instanceof MailTransportError) throw error;
      const { name, message } = error as Error;
      throw new MailTransportError(`SES ${name}: ${message}`, isPermanentSesError(name, message));
    }
  }
}
