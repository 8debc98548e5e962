/**
 * The channels on real protocol peers started here on 127.0.0.1: a day's reminders through SMTP to a
 * local SMTP server (smtp-server, parsed by mailparser), and to DingTalk and WeCom robots at a local
 * receiver that checks signatures, keys and rates as the vendors do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robotPosts } from '../../functions/adapters/aws/robots-part.js';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { compile } from '../../functions/core/compile.js';
import { type RobotCredentials, type RobotReceiver, startRobotReceiver } from '../../functions/local/robot-receiver.js';
import { robotChannelContract } from '../contract/robot-channel-contract.js';
import { registryOf } from '../support/calendars.js';
import { type Bureau, bureau, bureauCalendar, bureauPlan, nineAm, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.js';
import { startTestEnv, type TestEnv } from '../support/test-env.js';

const DINGTALK = 'https://oapi.dingtalk.com/robot/send';
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';

describe('reminders through SMTP', () => {
  let t: TestEnv;
  let inbox: SmtpInbox;
  const plansFile = writePlansFile([]);
  const keep = plansFileOf(plansFile);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestEnv({ PLANS_FILE: plansFile, MAIL_TRANSPORT: 'smtp', SMTP_URL: inbox.url });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  const to = (address: string) => inbox.mails.filter((m) => m.to.includes(address));

  it('sends each office one parsed mail with its items; a doubled sweep adds none', async () => {
    const b = bureau();
    keep(bureauPlan(b));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
    const [first, concurrent] = await Promise.all([t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') }), t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') })]);
    expect(first.delivery.failed).toEqual([]);
    expect(concurrent.delivery.failed).toEqual([]);

    for (const office of [b.email.science, b.email.office]) {
      const mails = to(office);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail!.from).toBe('fazhi@kjj.example');
      expect(mail!.subject).toMatch(/^【法治工作提醒】.+：1项事项待办理（2025-03-07）$/);
      for (const part of [mail!.text, mail!.html]) {
        expect(part).toContain('报送法治宣传材料');
        expect(part).toContain('2025-03-14');
        expect(part).toContain('照片×2');
      }
    }
    expect(to(b.email.policy)).toHaveLength(0);

    // A doubled sweep (the same day again) sends nothing more.
    const again = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(again.delivery.sent).toEqual([]);
    expect(inbox.mails.filter((m) => m.to.some((a) => a.endsWith(`@${b.domain}`)))).toHaveLength(2);
  });

  it('records a recipient the server refuses (550) as a permanent failure, once', async () => {
    const b = bureau();
    const refused: Bureau = { ...b, email: { ...b.email, office: `office-${b.calendar}@refuse.example` } };
    keep(bureauPlan(refused));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    const failed = result.delivery.failed.filter((f) => f.id.includes(`#${b.calendar}#`));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ permanent: true });
    expect(failed[0]!.error).toMatch(/^SMTP EENVELOPE 550/);
    expect(await t.store.outbox.get(failed[0]!.id)).toMatchObject({ status: 'failed' });
    expect(to(b.email.science)).toHaveLength(1);
  });
});

describe('reminders to DingTalk and WeCom robots', () => {
  let t: TestEnv;
  let receiver: RobotReceiver;
  const plansFile = writePlansFile([]);
  const keep = plansFileOf(plansFile);
  const secrets: Record<string, RobotCredentials> = {
    'science-dingtalk': { accessToken: 'a1b2c3-science-token', signSecret: 'SEC-science-signing-secret' },
    'office-wecom': { key: 'office-wecom-key' },
    'shared-dingtalk': { accessToken: 'shared-token', signSecret: 'SEC-shared-signing-secret' },
    'wrong-sign': { accessToken: 'wrong-sign-token', signSecret: 'SEC-what-the-engine-is-given' },
  };

  beforeAll(async () => {
    const engineSecrets = { ...secrets, 'wrong-sign': { ...secrets['wrong-sign'], signSecret: 'SEC-not-what-dingtalk-has' } };
    // The receiver reads the engine's clock: waiting for a rate moves it, not the test's time.
    receiver = await startRobotReceiver({ robots: secrets, clock: () => t.clock() });
    t = await startTestEnv({ PLANS_FILE: plansFile, ROBOT_ENDPOINT: receiver.endpoint, ROBOT_SECRETS: JSON.stringify(engineSecrets) });
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });

  const ofCalendar = (calendar: string) => receiver.messages.filter((m) => m.markdown.includes(calendar) || m.title.includes(calendar));

  it('posts each office its day as signed markdown holding every due item; a doubled sweep adds none', async () => {
    const b = bureau();
    const input = bureauCalendar(b);
    const offices = input.offices!.map((o) =>
      o.id === 'science'
        ? { ...o, robots: [{ vendor: 'dingtalk' as const, webhook: DINGTALK, secret: 'science-dingtalk' }] }
        : o.id === 'office'
          ? { ...o, robots: [{ vendor: 'wecom' as const, webhook: WECOM, secret: 'office-wecom' }] }
          : o,
    );
    keep(planOf({ ...input, title: `${b.calendar} 测试局普法计划`, offices }));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
    const before = receiver.messages.length;
    await Promise.all([t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') }), t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') })]);
    const mine = ofCalendar(b.calendar);
    expect(receiver.refused).toEqual([]);
    expect(mine.map((m) => `${m.vendor}:${m.robot}`).sort()).toEqual(['dingtalk:science-dingtalk', 'wecom:office-wecom']);
    for (const message of mine) {
      expect(message.markdown).toContain('报送法治宣传材料');
      expect(message.markdown).toContain('截止2025-03-14');
      expect(message.markdown).toContain('照片×2、签到表×1');
      expect(message.markdown).toContain('2025-03-07');
    }
    // The mails went out too, one per office.
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);

    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(receiver.messages.length - before).toBe(2);

    // The next reminder (the day before due) is another day's text: DingTalk would drop a repeat.
    await t.handlers.sweep({ scheduledTime: nineAm('2025-03-13') });
    const science = ofCalendar(b.calendar).filter((m) => m.robot === 'science-dingtalk');
    expect(science).toHaveLength(2);
    expect(science[1]!.markdown).not.toBe(science[0]!.markdown);
    expect(science[1]!.markdown).toContain('还有1天');
  });

  it('a 21st message to one robot within a minute waits for the window and is delivered, not lost', async () => {
    const b = bureau();
    const input = bureauCalendar(b, [
      { id: 'report', title: '报送法治宣传材料', schedule: { kind: 'deadline', due: '03-14', opens: '03-01' }, owners: 'all', reminders: [7], source: '请于3月14日前报送。' },
    ]);
    // 21 offices share one bureau group robot.
    const offices = Array.from({ length: 21 }, (_, i) => ({
      id: i === 0 ? 'policy' : `office-${i}`,
      name: `处室${i}`,
      emails: [`office-${i}@${b.domain}`],
      robots: [{ vendor: 'dingtalk' as const, webhook: DINGTALK, secret: 'shared-dingtalk' }],
    }));
    keep(planOf({ ...input, title: `${b.calendar} 测试局普法计划`, offices }));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
    const started = t.clock().getTime();
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    const mine = ofCalendar(b.calendar);
    expect(receiver.refused).toEqual([]);
    expect(mine).toHaveLength(21);
    expect(result.delivery.waiting).toEqual([]);
    // The first 20 went at once; the 21st only once the minute had passed (on the runtime's clock).
    const times = mine.map((m) => Date.parse(m.receivedAt)).sort((x, y) => x - y);
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(times[19]! - started).toBeLessThan(60_000);
  });

  it('a robot that refuses the signature (errcode 310000) fails the message permanently; the mail still goes', async () => {
    const b = bureau();
    const input = bureauCalendar(b);
    const offices = input.offices!.map((o) => (o.id === 'science' ? { ...o, robots: [{ vendor: 'dingtalk' as const, webhook: DINGTALK, secret: 'wrong-sign' }] } : o));
    keep(planOf({ ...input, offices }));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
    const result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    const failed = result.delivery.failed.filter((f) => f.id.includes(`#${b.calendar}#`));
    expect(failed).toEqual([{ id: expect.stringContaining('#dingtalk:wrong-sign#1'), error: 'dingtalk errcode 310000: sign not match', permanent: true }]);
    expect(receiver.refused).toContainEqual({ vendor: 'dingtalk', errcode: 310000, errmsg: 'sign not match' });
    expect(await t.mailsTo(b.email.science)).toHaveLength(1);
  });
});

robotChannelContract('HTTPS to the local receiver', async () => {
  const credentials = { ding: { accessToken: 'contract-token', signSecret: 'SEC-contract' }, wecom: { key: 'contract-key' } };
  const receiver = await startRobotReceiver({ robots: credentials });
  receivers.push(receiver);
  return {
    channel: robotPosts(
      { TABLE_NAME: 'unused', ROBOT_ENDPOINT: receiver.endpoint, ROBOT_SECRETS: JSON.stringify(credentials) },
      () => Promise.reject(new Error('no Secrets Manager here')),
      () => new Date(),
    ),
    robots: {
      dingtalk: { vendor: 'dingtalk', webhook: DINGTALK, secret: 'ding' },
      wecom: { vendor: 'wecom', webhook: WECOM, secret: 'wecom' },
    },
    received: async () => receiver.messages,
  };
});
const receivers: RobotReceiver[] = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.stop();
});

function planOf(input: CalendarInput) {
  return compile(resolveCalendar(input.id, registryOf(input)), 2025, bundledWorkingDays());
}
