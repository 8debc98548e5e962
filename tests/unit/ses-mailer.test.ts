/** How SES failures are classified: retrying helps with throttling, never with a rejected message. */
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { MailTransportError } from '../../functions/core/engine/ports.js';

const failing = (name: string, message = `${name} happened`) => ({ send: async () => Promise.reject(Object.assign(new Error(message), { name })) }) as unknown as SESv2Client;
const mail = { to: ['a@b.example'], cc: [], subject: '主题', html: '<p>正文</p>', text: '正文' };

describe('SesMailer', () => {
  it('reports throttling and outages as transient', async () => {
    for (const name of ['TooManyRequestsException', 'LimitExceededException', 'InternalFailure', 'TimeoutError']) {
      const error = await new SesMailer(failing(name), 'from@b.example').send(mail).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(MailTransportError);
      expect((error as MailTransportError).permanent, name).toBe(false);
      expect((error as Error).message).toContain(name);
    }
  });

  it('reports sending paused (the account or its configuration set) as transient: the mail goes out once sending resumes', async () => {
    const error = await new SesMailer(failing('SendingPausedException', 'Sending is paused for this account.'), 'from@b.example').send(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailTransportError);
    expect(error).toMatchObject({ permanent: false, message: 'SES SendingPausedException: Sending is paused for this account.' });
  });

  it('reports account-level throttling and quotas as transient, even when SES words them as a rejected message', async () => {
    for (const [name, message] of [
      ['Throttling', 'Maximum sending rate exceeded.'],
      ['ThrottlingException', 'Rate exceeded'],
      ['MessageRejected', 'Daily message quota exceeded.'],
      ['MessageRejected', 'Maximum sending rate exceeded.'],
      ['MessageRejected', 'Sending paused for this account.'],
    ] as const) {
      const error = await new SesMailer(failing(name, message), 'from@b.example').send(mail).catch((e: unknown) => e);
      expect((error as MailTransportError).permanent, `${name}: ${message}`).toBe(false);
    }
  });

  it('reports rejected messages and unverified senders as permanent', async () => {
    for (const name of ['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'BadRequestException']) {
      const error = await new SesMailer(failing(name), 'from@b.example').send(mail).catch((e: unknown) => e);
      expect((error as MailTransportError).permanent, name).toBe(true);
    }
  });

  it('sends the Chinese subject and both bodies as UTF-8, with the copy list only when there is one', async () => {
    const sent: unknown[] = [];
    const client = {
      send: async (command: { input: unknown }) => {
        sent.push(command.input);
        return { MessageId: 'm-1' };
      },
    } as unknown as SESv2Client;
    expect(await new SesMailer(client, 'from@b.example').send(mail)).toBe('m-1');
    expect(await new SesMailer(client, 'from@b.example').send({ ...mail, cc: ['head@b.example'] })).toBe('m-1');
    expect(sent[0]).toEqual({
      FromEmailAddress: 'from@b.example',
      Destination: { ToAddresses: ['a@b.example'] },
      Content: { Simple: { Subject: { Data: '主题', Charset: 'UTF-8' }, Body: { Html: { Data: '<p>正文</p>', Charset: 'UTF-8' }, Text: { Data: '正文', Charset: 'UTF-8' } } } },
    });
    expect(sent[1]).toMatchObject({ Destination: { ToAddresses: ['a@b.example'], CcAddresses: ['head@b.example'] } });
    expect(sent[0]).not.toHaveProperty('ConfigurationSetName');
  });

  it('sends through the configuration set when one is given, so SES reports its bounces and complaints', async () => {
    const sent: { ConfigurationSetName?: string }[] = [];
    const client = {
      send: async (command: { input: { ConfigurationSetName?: string } }) => {
        sent.push(command.input);
        return { MessageId: 'm-1' };
      },
    } as unknown as SESv2Client;
    await new SesMailer(client, 'from@b.example', 'fazhi-mail').send(mail);
    expect(sent[0]!.ConfigurationSetName).toBe('fazhi-mail');
  });
});
