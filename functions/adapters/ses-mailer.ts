/**
 * The Mailer on SES v2 (SendEmail, simple content: Chinese subject, HTML and plain-text bodies).
 * Throttling is retried by the SDK's own retry strategy (configured on the client); what is left is
 * mapped to a MailTransportError that says whether trying again can help.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { MailTransportError, type Mailer, type OutgoingMail } from '../core/engine/ports.js';

/** SES errors that no retry will fix. */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'SendingPausedException', 'BadRequestException', 'NotFoundException']);

export class SesMailer implements Mailer {
  constructor(private readonly client: SESv2Client, private readonly defaultFrom: string) {}

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
        }),
      );
      if (!response.MessageId) throw new MailTransportError('SES accepted the mail but returned no MessageId', false);
      return response.MessageId;
    } catch (error) {
      if (error instanceof MailTransportError) throw error;
      const name = (error as Error).name;
      throw new MailTransportError(`SES ${name}: ${(error as Error).message}`, PERMANENT.has(name));
    }
  }
}
