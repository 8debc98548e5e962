/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that parses what it receives (mailparser): the peer
 * the SMTP channel is tested against. It asks for the credentials the test gives (AUTH PLAIN/LOGIN)
 * and offers no STARTTLS (the channel allows plain SMTP to a loopback address only).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ParsedMail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

export interface SmtpInbox {
  /** smtp://user:pass@127.0.0.1:PORT */
  url: string;
  /** Parsed, in the order received. Addresses at `refuse.example` are refused with 550. */
  mails: ParsedMail[];
  stop(): Promise<void>;
}

/** With `credentials` null the server takes mail without AUTH (as a user's local test server would). */
export async function startSmtpInbox(credentials: { user: string; pass: string } | null = { user: 'fazhi', pass: 'local-smtp-password' }): Promise<SmtpInbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: credentials === null,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error('535 authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.example')) {
        const error = new Error(`550 no such user ${address.address}`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const list = (field: typeof parsed.to) => (field === undefined ? [] : (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')));
          mails.push({
            messageId: parsed.messageId ?? '',
            from: parsed.from?.value[0]?.address ?? '',
            to: list(parsed.to),
            cc: list(parsed.cc),
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: credentials ? `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
