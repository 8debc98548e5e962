/**
 * The Mailer over SMTP (nodemailer): a bureau's mail relay, a domestic provider, or the only mail
 * channel in the AWS China partition (no SES there). The URL (`smtps://user:pass@host:465` or
 * `smtp://user:pass@host:587`) comes from a secret, read when the first mail is sent.
 *
 * TLS is required: `smtps:` is TLS from the start, `smtp:` must upgrade with STARTTLS (a server that
 * does not offer it is refused), except to a loopback address (a local test server). Query options in
 * the URL are ignored, so a URL cannot turn certificate checks off.
 *
 * Replies: 5xx is permanent (the recipient or message is refused), 4xx and connection trouble are
 * transient; an authentication failure is transient too (the account is wrong, not the mail).
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Transporter } from 'nodemailer';
import { type Mailer, MailTransportError, type OutgoingMail } from '../core/engine/ports.js';

export class SmtpUrlError extends Error {
  override readonly name = 'SmtpUrlError';
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  auth?: { user: string; pass: string };
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

export function smtpSettings(url: string): SmtpSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SmtpUrlError('the SMTP URL is not a URL (smtps://user:password@host:465 or smtp://user:password@host:587)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new SmtpUrlError(`the SMTP URL must start with smtps:// or smtp://, not ${parsed.protocol}//`);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    // Without TLS from the start, STARTTLS is required — except to this machine.
    requireTLS: !secure && !isLoopback(parsed.hostname),
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/** nodemailer's error codes that mean "try again later". */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'EPROTOCOL']);

export function isPermanentSmtpError(error: { code?: string; responseCode?: number }): boolean {
  if (error.code === 'EAUTH') return false;
  if (typeof error.responseCode === 'number') return error.responseCode >= 500;
  return error.code !== undefined && !TRANSIENT_CODES.has(error.code);
}

export class SmtpMailer implements Mailer {
  private transport: { url: string; transporter: Transporter } | undefined;

  constructor(
    private readonly url: () => Promise<string>,
    private readonly defaultFrom: string,
  ) {}

  async send(mail: OutgoingMail): Promise<string> {
    const transporter = await this.transporter();
    const from = mail.from ?? this.defaultFrom;
    try {
      const info = await transporter.sendMail({
        from,
        to: mail.to,
        ...(mail.cc.length > 0 ? { cc: mail.cc } : {}),
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        // The outbox id as Message-ID: a mail sent again after a lost reply carries the same one.
        ...(mail.id ? { messageId: `<${createHash('sha256').update(mail.id).digest('hex').slice(0, 32)}@${from.split('@')[1] ?? 'fazhi'}>` } : {}),
      });
      return info.messageId;
    } catch (error) {
      const failure = error as Error & { code?: string; responseCode?: number };
      throw new MailTransportError(`SMTP ${failure.code ?? 'error'}${failure.responseCode ? ` ${failure.responseCode}` : ''}: ${failure.message}`, isPermanentSmtpError(failure));
    }
  }

  /** Built once per URL: a rotated secret (a new password) gets a new transport. */
  private async transporter(): Promise<Transporter> {
    let url: string;
    let settings: SmtpSettings;
    try {
      url = await this.url();
      settings = smtpSettings(url);
    } catch (error) {
      // The configuration is at fault, not the mail: it goes once the secret is right.
      throw new MailTransportError(`SMTP is not configured: ${(error as Error).message}`, false);
    }
    if (this.transport?.url !== url) {
      // Loaded on first use: a stack that mails through SES never evaluates nodemailer at cold start.
      const { default: nodemailer } = await import('nodemailer');
      this.transport = { url, transporter: nodemailer.createTransport({ ...settings, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
    }
    return this.transport.transporter;
  }
}
