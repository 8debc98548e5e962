import { describe, expect, it } from 'vitest';
import { mailerOnFirstSend } from '../../functions/adapters/mailer-on-first-send.js';
import { RecordingMailer } from '../../functions/adapters/memory/recording-mailer.js';

const mail = { id: 'm1', to: ['a@b.example'], cc: [], subject: '退回通知', html: '<p>退回</p>', text: '退回' };

describe('mailerOnFirstSend', () => {
  it('loads the transport on the first send only, and sends through it', async () => {
    const inbox = new RecordingMailer();
    let loads = 0;
    const mailer = mailerOnFirstSend(async () => {
      loads += 1;
      return inbox;
    });
    expect(loads).toBe(0);
    await mailer.send(mail);
    await mailer.send({ ...mail, id: 'm2' });
    expect(loads).toBe(1);
    expect(inbox.sent.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('a load that fails fails that send, and the next send loads again', async () => {
    const inbox = new RecordingMailer();
    let loads = 0;
    const mailer = mailerOnFirstSend(async () => {
      loads += 1;
      if (loads === 1) throw new Error('module not found');
      return inbox;
    });
    await expect(mailer.send(mail)).rejects.toThrow('module not found');
    await mailer.send(mail);
    expect(loads).toBe(2);
    expect(inbox.sent).toHaveLength(1);
  });
});
