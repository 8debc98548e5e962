/**
 * The channel adapters' rules, without a network: SMTP's TLS requirement and error classes, the robots'
 * errcode mapping and signature, and the robot markdown (split for WeCom, different every day).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpRobotChannel } from '../../functions/adapters/robots/robot-channel.js';
import { readRobotReply } from '../../functions/adapters/robots/robot-reply.js';
import { isPermanentSmtpError, SmtpMailer, smtpSettings } from '../../functions/adapters/smtp-mailer.js';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { reminderMarkdown, splitMarkdown } from '../../functions/core/email/robot-markdown.js';
import { MailTransportError, RobotLockedError, type RobotMessage } from '../../functions/core/engine/ports.js';
import { initialProgress, type OccurrenceRecord, plannedOccurrence } from '../../functions/core/engine/records.js';
import { compileTasks } from '../support/calendars.js';

const reply = (body: unknown, status = 200) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as MailTransportError,
  );

describe('SMTP settings', () => {
  it('requires TLS: smtps is TLS from the start, smtp must upgrade with STARTTLS', () => {
    expect(smtpSettings('smtps://user:p%40ss@mail.kjj.example.gov.cn')).toEqual({ host: 'mail.kjj.example.gov.cn', port: 465, secure: true, requireTLS: false, auth: { user: 'user', pass: 'p@ss' } });
    expect(smtpSettings('smtp://user:pw@relay.example.gov.cn:25')).toMatchObject({ port: 25, secure: false, requireTLS: true });
  });

  it('allows plain SMTP to a loopback address only, and ignores options in the query', () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '127.8.9.10']) expect(smtpSettings(`smtp://${host}:2525`).requireTLS, host).toBe(false);
    expect(smtpSettings('smtp://10.0.0.5:2525').requireTLS).toBe(true);
    expect(smtpSettings('smtp://relay.example:587?ignoreTLS=true&secure=false')).toEqual({ host: 'relay.example', port: 587, secure: false, requireTLS: true });
  });

  it('refuses what is not an SMTP URL, as a transient failure of the mail (the configuration is at fault)', async () => {
    expect(() => smtpSettings('https://mail.example')).toThrow('must start with smtps:// or smtp://, not https://');
    expect(() => smtpSettings('not a url')).toThrow('is not a URL');
    const error = await failure(new SmtpMailer(async () => 'http://mail.example', 'fazhi@b.example').send({ to: ['a@b.example'], cc: [], subject: 's', html: '', text: '' }));
    expect(error).toBeInstanceOf(MailTransportError);
    expect(error).toMatchObject({ permanent: false, message: expect.stringContaining('SMTP is not configured') });
  });

  it('maps 5xx replies to permanent, 4xx, connection trouble and authentication to transient', () => {
    expect(isPermanentSmtpError({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ code: 'EMESSAGE', responseCode: 552 })).toBe(true);
    expect(isPermanentSmtpError({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpError({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']) expect(isPermanentSmtpError({ code }), code).toBe(false);
  });
});

describe('robot replies', () => {
  it('counts a 200 with errcode != 0 as a failure, permanent or transient by its code', async () => {
    await expect(readRobotReply('dingtalk', reply({ errcode: 0, errmsg: 'ok' }))).resolves.toBeUndefined();
    const cases: ['dingtalk' | 'wecom', number, boolean][] = [
      ['dingtalk', 310000, true],
      ['dingtalk', 300001, true],
      ['dingtalk', -1, false],
      ['wecom', 93000, true],
      ['wecom', 45009, false],
      ['wecom', -1, false],
    ];
    for (const [vendor, errcode, permanent] of cases) {
      const error = await failure(readRobotReply(vendor, reply({ errcode, errmsg: 'x' })));
      expect(error, `${vendor} ${errcode}`).toBeInstanceOf(MailTransportError);
      expect(error.permanent, `${vendor} ${errcode}`).toBe(permanent);
      expect(error.message).toBe(`${vendor} errcode ${errcode}: x`);
    }
  });

  it("reads DingTalk's 'too fast' as the robot locked for 10 minutes", async () => {
    const error = await failure(readRobotReply('dingtalk', reply({ errcode: 130101, errmsg: 'send too fast' })));
    expect(error).toBeInstanceOf(RobotLockedError);
    expect(error).toMatchObject({ permanent: false, lockMs: 600_000 });
  });

  it('maps HTTP errors and a body that is not JSON', async () => {
    expect((await failure(readRobotReply('wecom', reply('busy', 503)))).permanent).toBe(false);
    expect((await failure(readRobotReply('wecom', reply('slow down', 429)))).permanent).toBe(false);
    expect((await failure(readRobotReply('wecom', reply('no', 404)))).permanent).toBe(true);
    expect((await failure(readRobotReply('dingtalk', reply('<html>')))).message).toContain('not JSON');
  });
});

describe('HttpRobotChannel', () => {
  const message = (vendor: 'dingtalk' | 'wecom', secret: string): RobotMessage => ({
    id: 'm1',
    robot: { vendor, webhook: vendor === 'dingtalk' ? 'https://oapi.dingtalk.com/robot/send' : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', secret },
    title: '提醒',
    markdown: '### 提醒',
  });
  const secrets: Record<string, string> = {
    ding: JSON.stringify({ accessToken: 'tok+en', signSecret: 'SECabc' }),
    wecom: JSON.stringify({ key: 'k-1' }),
    half: JSON.stringify({ accessToken: 'only-a-token' }),
  };
  const channel = (seen: { url: string; body: unknown }[]) =>
    new HttpRobotChannel({
      clock: () => new Date(1_700_000_000_000),
      secret: async (name) => {
        const value = secrets[name];
        if (value === undefined) throw new Error(`no secret ${name}`);
        return value;
      },
      fetch: (async (url: URL, init: RequestInit) => {
        seen.push({ url: String(url), body: JSON.parse(String(init.body)) });
        return reply({ errcode: 0, errmsg: 'ok' });
      }) as typeof fetch,
    });

  it('signs DingTalk requests: HMAC-SHA256 of timestamp\\nsecret, Base64 then URL-encoded, timestamp in ms', async () => {
    const seen: { url: string; body: unknown }[] = [];
    await channel(seen).send(message('dingtalk', 'ding'));
    const url = new URL(seen[0]!.url);
    expect(url.origin + url.pathname).toBe('https://oapi.dingtalk.com/robot/send');
    expect(url.searchParams.get('access_token')).toBe('tok+en');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    const sign = createHmac('sha256', 'SECabc').update('1700000000000\nSECabc').digest('base64');
    expect(seen[0]!.url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(seen[0]!.body).toEqual({ msgtype: 'markdown', markdown: { title: '提醒', text: '### 提醒' } });
  });

  it('sends WeCom its key and markdown content', async () => {
    const seen: { url: string; body: unknown }[] = [];
    await channel(seen).send(message('wecom', 'wecom'));
    expect(seen[0]!.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1');
    expect(seen[0]!.body).toEqual({ msgtype: 'markdown', markdown: { content: '### 提醒' } });
  });

  it('fails transiently, sending nothing, when the secret is missing or incomplete', async () => {
    const seen: { url: string; body: unknown }[] = [];
    expect(await failure(channel(seen).send(message('dingtalk', 'absent')))).toMatchObject({ permanent: false, message: expect.stringContaining('robot secret "absent" cannot be read') });
    expect(await failure(channel(seen).send(message('dingtalk', 'half')))).toMatchObject({ permanent: false, message: 'robot secret "half" has no "signSecret"' });
    expect(seen).toEqual([]);
  });
});

describe('robot markdown', () => {
  const plan = compileTasks(
    [
      { id: 'report', title: '报送法治宣传材料', schedule: { kind: 'deadline', due: '03-14' }, owners: ['office'], evidence: [{ kind: 'photo', count: 2 }], graceDays: 0, source: 's' },
      { id: 'study', title: '集体学法'.repeat(40), schedule: { kind: 'deadline', due: '03-20' }, owners: ['office'], source: 's' },
    ],
    2025,
  );
  const calendar = {
    id: 'test-bureau',
    title: plan.title,
    organisation: plan.organisation,
    timeZone: plan.timeZone,
    policyOffice: plan.policyOffice,
    offices: plan.offices,
    years: [2025],
    lastDigestAt: null,
    workingDays: [],
  };
  const record = (index: number): OccurrenceRecord => ({
    ...plannedOccurrence(plan.occurrences[index]!, 2025),
    ...initialProgress('2025-03-02', new Date('2025-03-02T00:00:00Z')),
    status: 'overdue',
    overdueOn: '2025-03-17',
  });
  const items = [{ record: record(0), notices: ['overdue' as const] }];

  it('counts overdue working days, so each day of a repeated reminder reads differently', () => {
    const monday = reminderMarkdown(calendar, 'office', items, '2025-03-17', 'http://x/upload', bundledWorkingDays());
    const wednesday = reminderMarkdown(calendar, 'office', items, '2025-03-19', 'http://x/upload', bundledWorkingDays());
    expect(monday.markdown).toContain('逾期第1个工作日');
    expect(wednesday.markdown).toContain('逾期第3个工作日');
    expect(wednesday.markdown).not.toBe(monday.markdown);
    expect(monday.title).toBe('【逾期提醒】办公室：1项待办（2025-03-17）');
  });

  it('splits a long message into parts of at most 4096 bytes for WeCom, losing no line', () => {
    const many = Array.from({ length: 40 }, () => ({ record: record(1), notices: ['reminder' as const] }));
    const { markdown } = reminderMarkdown(calendar, 'office', many, '2025-03-10', 'http://x/upload', bundledWorkingDays());
    const parts = splitMarkdown(markdown, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(4096);
    expect(parts[1]).toMatch(/^（续2\/\d+）\n/);
    const lines = parts
      .join('\n')
      .split('\n')
      .filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(40);
    expect(splitMarkdown('短消息', 4096)).toEqual(['短消息']);
    // A single line longer than a part is cut at characters, never inside one.
    for (const part of splitMarkdown('法'.repeat(3000), 4096)) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(4096);
  });
});
