/**
 * The reminder cycle through the real handlers: materialise, daily sweeps, one consolidated e-mail
 * per office and day (read back from the SES emulator), doubled and crashed sweeps.
 */

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { MailTransportError, type OutgoingMail } from '../../functions/core/engine/ports.js';
import { reminderMailId, sweep } from '../../functions/core/engine/sweep.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { type Bureau, bureau, bureauPlan, nineAm, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { startTestEnv, type TestEnv } from '../support/test-env.js';

let t: TestEnv;
const plansFile = writePlansFile([]);
const keep = plansFileOf(plansFile);

beforeAll(async () => {
  t = await startTestEnv({ PLANS_FILE: plansFile });
});
afterAll(async () => t?.stop());

async function materialised(b: Bureau, now = '2025-03-01T00:00:00Z') {
  keep(bureauPlan(b));
  return t.handlers.materialise({ RequestType: 'Create', now });
}

describe('materialise', () => {
  it('writes the plan once: a second run creates nothing', async () => {
    const b = bureau();
    const first = await materialised(b);
    expect(first.Data.summary).toContain(`${b.calendar}/2025: +3 ~0 -0`);
    const second = await materialised(b);
    expect(second.Data.summary).toContain(`${b.calendar}/2025: +0 ~0 -0`);
    const stored = await t.store.occurrences.ofCalendarYear(b.calendar, 2025);
    expect(stored.map((o) => o.id).sort()).toEqual([`${b.calendar}/report/office/2025`, `${b.calendar}/report/science/2025`, `${b.calendar}/study/science/2025`]);
    const report = stored.find((o) => o.office === 'science' && o.task === 'report')!;
    expect(report).toMatchObject({ status: 'open', due: '2025-03-14', reminders: ['2025-03-07', '2025-03-13'], nextActionAt: '2025-03-07', version: 0 });
  });
});

describe('materialising a plan late', () => {
  it('marks items already past due overdue quietly instead of mailing the whole history', async () => {
    const b = bureau();
    await materialised(b, '2025-04-01T00:00:00Z');
    expect(await t.store.occurrences.get(`${b.calendar}/report/science/2025`)).toMatchObject({ status: 'overdue', overdueOn: '2025-04-01', escalatedOn: '2025-04-01', nextActionAt: null });
    await t.handlers.sweep({ scheduledTime: nineAm('2025-04-01') });
    await t.handlers.sweep({ scheduledTime: nineAm('2025-04-14') });
    expect(await t.mailsTo(b.email.science, b.email.office, b.email.scienceHead)).toHaveLength(0);
    // It still reaches the policy office's digest.
    const [digest] = (await t.handlers.digest({ scheduledTime: nineAm('2025-04-14'), calendar: b.calendar })).filter((r) => r.calendar === b.calendar);
    expect(digest!.content!.overdue.flatMap((g) => g.items.map((i) => i.id)).sort()).toEqual([`${b.calendar}/report/office/2025`, `${b.calendar}/report/science/2025`]);
  });
});

describe('daily sweep', () => {
  it('sends each office one consolidated Chinese reminder with a working upload link', async () => {
    const b = bureau();
    await materialised(b);
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(result.days[b.calendar]).toBe('2025-03-07');

    const science = await t.mailsTo(b.email.science);
    expect(science).toHaveLength(1);
    const mail = science[0]!;
    expect(mail.to).toEqual([b.email.science]);
    expect(mail.cc).toEqual([]);
    expect(mail.subject).toBe('【法治工作提醒】社会发展科技处：1项事项待办理（2025-03-07）');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('报送法治宣传材料');
      expect(part).toContain('2025-03-14');
      expect(part).toContain('照片×2');
      expect(part).toContain('签到表×1');
      expect(part).toContain('中华人民共和国法治宣传教育法');
    }
    expect(await t.mailsTo(b.email.office)).toHaveLength(1);
    expect(await t.mailsTo(b.email.policy)).toHaveLength(0);

    // The link in the mail opens the office's own items.
    const link = new URL(/https?:\/\/\S+\/upload\?token=[\w.-]+/.exec(mail.text)![0]);
    const view = await t.handlers.api(apiEvent('GET', `/api/office?token=${link.searchParams.get('token')}`, { now: new Date(nineAm('2025-03-07')) }));
    expect(view.statusCode).toBe(200);
    const body = jsonOf<{ office: { id: string }; items: { id: string }[] }>(view);
    expect(body.office.id).toBe('science');
    expect(body.items.map((i) => i.id).sort()).toEqual([`${b.calendar}/report/science/2025`, `${b.calendar}/study/science/2025`]);

    const stored = await t.store.occurrences.get(`${b.calendar}/report/science/2025`);
    expect(stored).toMatchObject({ remindedThrough: '2025-03-07', nextActionAt: '2025-03-13', version: 1 });
    const record = await t.store.outbox.get(reportMail(b, 'science'));
    expect(record).toMatchObject({ status: 'sent', attempts: 1, occurrenceIds: [`${b.calendar}/report/science/2025`] });
  });

  it('sends nothing on a day with nothing due, and catches up missed days once', async () => {
    const b = bureau();
    await materialised(b);
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-05') });
    expect(await t.mailsTo(b.email.science)).toHaveLength(0);
    // The sweep did not run on 03-07 or 03-13: on 03-14 both reminders are caught up in one mail.
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-14') });
    const mails = await t.mailsTo(b.email.science);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text.match(/报送法治宣传材料/g)).toHaveLength(1);
    expect(mails[0]!.text).toContain('今天截止');
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-14') });
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);
  });

  it('sends exactly one e-mail per office when two sweeps run at once', async () => {
    const b = bureau();
    await materialised(b);
    const [a, c] = await Promise.all([t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') }), t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') })]);
    expect((await t.mailsTo(b.email.science)).length).toBe(1);
    expect((await t.mailsTo(b.email.office)).length).toBe(1);
    const committed = [...a.mailsCommitted, ...c.mailsCommitted].filter((id) => id.includes(b.calendar));
    expect(committed.sort()).toEqual([reportMail(b, 'office'), reportMail(b, 'science')].sort());
    expect((await t.store.occurrences.get(`${b.calendar}/report/science/2025`))!.version).toBe(1);
  });

  it('loses nothing and duplicates nothing when a sweep crashes mid-way and is retried', async () => {
    const b = bureau();
    await materialised(b);
    const ses = new SESv2Client({ endpoint: t.env.SES_ENDPOINT, region: 'ap-southeast-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const real = new SesMailer(ses, t.env.MAIL_FROM!);
    // The first run dies while mailing the second office (after the first was sent).
    let sent = 0;
    const crashing = {
      async send(mail: OutgoingMail) {
        if (mail.to.some((a) => a.endsWith(b.domain)) && ++sent === 2) throw new Error('Task timed out after 30.00 seconds');
        return real.send(mail);
      },
    };
    const first = await sweep(
      {
        store: t.store,
        mailer: crashing,
        policy: { escalateAfterDays: 7 },
        links: { baseUrl: 'http://x', secret: t.env.TOKEN_SECRET!, ttlDays: 30 },
        mailFrom: t.env.MAIL_FROM,
        clock: () => new Date(),
      },
      new Date(nineAm('2025-03-07')),
    );
    expect(first.delivery.failed.filter((f) => f.id.includes(b.calendar))).toHaveLength(1);
    const before = [...(await t.mailsTo(b.email.science)), ...(await t.mailsTo(b.email.office))];
    expect(before).toHaveLength(1);

    // The retried invocation (same scheduled time) delivers the rest, and only the rest.
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);
    expect(await t.mailsTo(b.email.office)).toHaveLength(1);
    for (const office of ['science', 'office']) {
      expect(await t.store.outbox.get(reportMail(b, office))).toMatchObject({ status: 'sent' });
    }
    ses.destroy();
  });

  it('marks a mail SES rejects for good as failed and does not retry it; retries a throttled one later', async () => {
    const b = bureau();
    await materialised(b);
    const ses = new SESv2Client({ endpoint: t.env.SES_ENDPOINT, region: 'ap-southeast-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const real = new SesMailer(ses, t.env.MAIL_FROM!);
    const deps = { store: t.store, policy: { escalateAfterDays: 7 }, links: { baseUrl: 'http://x', secret: t.env.TOKEN_SECRET!, ttlDays: 30 }, mailFrom: t.env.MAIL_FROM, clock: () => new Date() };
    const failing = {
      async send(mail: OutgoingMail) {
        if (mail.to.includes(b.email.science)) throw new MailTransportError('SES MessageRejected: address blacklisted', true);
        if (mail.to.includes(b.email.office)) throw new MailTransportError('SES TooManyRequestsException: rate exceeded', false);
        return real.send(mail);
      },
    };
    await sweep({ ...deps, mailer: failing }, new Date(nineAm('2025-03-07')));
    expect(await t.store.outbox.get(reportMail(b, 'science'))).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('MessageRejected') });
    expect(await t.store.outbox.get(reportMail(b, 'office'))).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringContaining('TooManyRequests') });
    // The next run (SES has recovered) sends the throttled one and leaves the rejected one alone.
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(await t.mailsTo(b.email.office)).toHaveLength(1);
    expect(await t.mailsTo(b.email.science)).toHaveLength(0);
    expect(await t.store.outbox.get(reportMail(b, 'science'))).toMatchObject({ status: 'failed' });
    ses.destroy();
  });

  it('keeps going past a failing item: records its error and pushes it to tomorrow', async () => {
    const b = bureau();
    await materialised(b);
    const broken = (await t.store.occurrences.get(`${b.calendar}/report/office/2025`))!;
    // A record damaged by hand (its reminder dates gone) cannot be assessed.
    await t.store.occurrences.update({ id: broken.id, expectedVersion: broken.version, set: { reminders: null as never } });
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(result.itemErrors.map((e) => e.id)).toContain(broken.id);
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);
    expect(await t.store.occurrences.get(broken.id)).toMatchObject({ nextActionAt: '2025-03-08', errorCount: 1, lastError: expect.stringContaining('null') });
  });

  it('cancels an item whose office left the plan instead of failing on it every day', async () => {
    const b = bureau();
    await materialised(b);
    const orphan = (await t.store.occurrences.get(`${b.calendar}/report/office/2025`))!;
    await t.store.occurrences.update({ id: orphan.id, expectedVersion: orphan.version, set: { office: 'gone' } });
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(result.itemErrors.filter((e) => e.id.startsWith(b.calendar))).toEqual([]);
    expect(result.cancelled).toBeGreaterThanOrEqual(1);
    expect(await t.store.occurrences.get(orphan.id)).toMatchObject({ status: 'cancelled', nextActionAt: null, errorCount: 0 });
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);
  });
});

describe('working days', () => {
  it('writes to nobody on weekends and holidays; what fell due goes out on the next working day', async () => {
    const b = bureau();
    await materialised(b);
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-13') });
    const before = (await t.mailsTo(b.email.science)).length;
    // Overdue from Saturday 03-15: the weekend sweeps rest, Monday's mail reports it.
    for (const day of ['2025-03-15', '2025-03-16']) {
      const result = await t.handlers.sweep({ scheduledTime: nineAm(day) });
      expect(result.restingCalendars).toContain(b.calendar);
    }
    expect(await t.mailsTo(b.email.science)).toHaveLength(before);
    expect(await t.store.occurrences.get(`${b.calendar}/report/science/2025`)).toMatchObject({ status: 'open', overdueOn: null });
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-17') });
    expect(await t.mailsTo(b.email.science)).toHaveLength(before + 1);
  });
});

describe('overdue and escalation', () => {
  it('flags an item overdue after due + grace, then copies the office head', async () => {
    const b = bureau();
    await materialised(b);
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-13') });
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-17') });
    const id = `${b.calendar}/report/science/2025`;
    expect(await t.store.occurrences.get(id)).toMatchObject({ status: 'overdue', overdueOn: '2025-03-17', escalatedOn: null, nextActionAt: '2025-03-24' });
    const overdueMail = (await t.mailsTo(b.email.science)).find((m) => m.subject.includes('2025-03-17'))!;
    expect(overdueMail.subject).toBe('【逾期提醒】社会发展科技处：1项事项待办理（2025-03-17）');
    expect(overdueMail.text).toContain('已逾期3天');
    expect(overdueMail.cc).toEqual([]);

    // Default policy: the head is copied 7 days after the office's own overdue notice (03-17 + 7 = 03-24).
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-24') });
    const escalation = (await t.mailsTo(b.email.science)).find((m) => m.subject.includes('2025-03-24'))!;
    expect(escalation.cc).toEqual([b.email.scienceHead]);
    expect(escalation.text).toContain('已抄送负责人');
    expect(escalation.text).toContain('已逾期10天');
    expect(await t.store.occurrences.get(id)).toMatchObject({ escalatedOn: '2025-03-24', nextActionAt: null });
    // Nothing further is pending: later sweeps do not look at it again.
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-25') });
    expect((await t.mailsTo(b.email.science)).length).toBe(4);
  });

  it('flags a quota at risk when it falls behind', async () => {
    const b = bureau();
    await materialised(b);
    // 0 of 2 in 2025: at risk from 2025-07-03 (half the evenly paced time for 2 sessions is left).
    await t.handlers.sweep({ scheduledTime: nineAm('2025-07-03') });
    const mail = (await t.mailsTo(b.email.science)).find((m) => m.subject.includes('2025-07-03'))!;
    expect(mail.text).toContain('集体学法');
    expect(mail.text).toContain('已报送0/2');
    expect(mail.text).toContain('进度落后');
    expect(await t.store.occurrences.get(`${b.calendar}/study/science/2025`)).toMatchObject({ atRiskOn: '2025-07-03', status: 'open' });
  });
});

/** The id of the 2025-03-07 reminder of an office of the default bureau: it reports the office's report item only. */
function reportMail(b: Bureau, office: string): string {
  return reminderMailId(b.calendar, office, '2025-03-07', [`${b.calendar}/report/${office}/2025`]);
}
