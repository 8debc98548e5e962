/**
 * SES bounces and complaints (SNS → the bounces handler): the address is marked on the calendars whose
 * offices use it, once, and the board warns the policy office while an office still uses it.
 */
import type { SNSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BounceEnv, EnvironmentError, readEnv } from '../../functions/adapters/env.js';
import { createMemoryRuntime, type MemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { emfLinesOf } from '../../functions/adapters/metrics.js';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import { compile } from '../../functions/core/compile.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { boardView } from '../../functions/core/engine/views.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { registryOf } from '../support/calendars.js';
import { type Bureau, bureau, bureauCalendar, bureauPlan } from '../support/engine-fixture.js';

const NOW = new Date('2025-03-10T01:00:00.000Z');
const AT = '2025-03-07T01:05:00.000Z';

const sns = (...messages: unknown[]): SNSEvent =>
  ({ Records: messages.map((m, i) => ({ EventSource: 'aws:sns', Sns: { MessageId: `m-${i}`, Message: typeof m === 'string' ? m : JSON.stringify(m) } })) }) as unknown as SNSEvent;
const bounceOf = (addresses: string[], bounceType = 'Permanent', timestamp = AT) => ({
  eventType: 'Bounce',
  bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1' })), timestamp, feedbackId: 'f-1' },
  mail: { messageId: 'ses-1', destination: addresses },
});
const complaintOf = (addresses: string[]) => ({ notificationType: 'Complaint', complaint: { complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })), timestamp: AT } });

let b: Bureau;
let runtime: MemoryRuntime;
let handlers: ReturnType<typeof handlersFor<MemoryRuntime>>;
/** The board's mail warnings (a test plan is not a committed year plan: its "尚未录入" warning is left out). */
const warnings = async (calendar = b.calendar) => (await boardView(runtime.store, calendar, 2025, NOW)).warnings.filter((w) => w.startsWith('邮件'));

beforeEach(async () => {
  b = bureau();
  runtime = createMemoryRuntime({ clock: () => NOW });
  handlers = handlersFor(runtime);
  await materialise(runtime.store, bureauPlan(b), NOW, runtime.policy);
});
afterEach(() => vi.restoreAllMocks());

describe('bounces handler', () => {
  it('marks a permanent bounce on the calendar once, and the board warns "邮件退信：<address>"', async () => {
    expect(await warnings()).toEqual([]);
    expect(await handlers.bounces(sns(bounceOf([b.email.science])))).toEqual({ marked: 1, ignored: 0, unknown: [] });
    expect((await runtime.store.calendars.get(b.calendar))!.bounces).toEqual([{ address: b.email.science, type: 'bounce', at: AT }]);
    expect(await warnings()).toEqual([`邮件退信：${b.email.science}`]);
    // SNS delivers at least once: the same notification again marks nothing.
    expect(await handlers.bounces(sns(bounceOf([b.email.science])))).toEqual({ marked: 0, ignored: 0, unknown: [] });
    // A later bounce of the same address is kept, but warned about once.
    await handlers.bounces(sns(bounceOf([b.email.science], 'Undetermined', '2025-03-08T01:00:00.000Z')));
    expect((await runtime.store.calendars.get(b.calendar))!.bounces).toHaveLength(2);
    expect(await warnings()).toEqual([`邮件退信：${b.email.science}`]);
  });

  it('marks complaints ("邮件投诉：…") and the office head\'s address, in any letter case', async () => {
    await handlers.bounces(sns(complaintOf([b.email.office]), bounceOf([b.email.scienceHead.toUpperCase()])));
    expect(await warnings()).toEqual([`邮件投诉：${b.email.office}`, `邮件退信：${b.email.scienceHead.toUpperCase()}`]);
  });

  it('marks every calendar that uses the address, and reports addresses nobody uses', async () => {
    const other = bureau();
    // The other bureau's science office shares this one's address.
    const input = bureauCalendar(other);
    input.offices = input.offices!.map((o) => (o.id === 'science' ? { ...o, emails: [b.email.science] } : o));
    await materialise(runtime.store, compile(resolveCalendar(input.id, registryOf(input)), 2025, bundledWorkingDays()), NOW, runtime.policy);
    const result = await handlers.bounces(sns(bounceOf([b.email.science, 'stranger@elsewhere.example'])));
    expect(result).toEqual({ marked: 2, ignored: 0, unknown: ['stranger@elsewhere.example'] });
    expect(await warnings(other.calendar)).toEqual([`邮件退信：${b.email.science}`]);
  });

  it("ignores transient bounces, other event types and messages that are not SES's, marking nothing", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await handlers.bounces(
      sns(bounceOf([b.email.science], 'Transient'), { eventType: 'Delivery', delivery: {} }, 'not json', { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }),
    );
    expect(result).toEqual({ marked: 0, ignored: 4, unknown: [] });
    expect((await runtime.store.calendars.get(b.calendar))!.bounces).toBeUndefined();
  });

  it('the warning ends when the calendar stops using the address (the plan fixed it), and a re-materialised plan keeps the marks', async () => {
    await handlers.bounces(sns(bounceOf([b.email.office])));
    const input = bureauCalendar(b);
    input.offices = input.offices!.map((o) => (o.id === 'office' ? { ...o, emails: [`new-${b.email.office}`] } : o));
    await materialise(runtime.store, compile(resolveCalendar(input.id, registryOf(input)), 2025, bundledWorkingDays()), NOW, runtime.policy);
    expect(await warnings()).toEqual([]);
    expect((await runtime.store.calendars.get(b.calendar))!.bounces).toEqual([{ address: b.email.office, type: 'bounce', at: AT }]);
  });

  it('counts what it marked in its metrics line', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const loud = createMemoryRuntime({ clock: () => NOW, store: runtime.store, logLevel: 'info' });
    await handlersFor(loud).bounces(sns(bounceOf([b.email.science]), complaintOf([b.email.office])));
    expect(emfLinesOf(log.mock.calls.map((c) => String(c[0])))[0]!.values).toEqual({ MailBounces: 1, MailComplaints: 1 });
  });

  it('a store that fails is thrown, for Lambda to retry the notification (then the dead-letter queue)', async () => {
    runtime.store.calendars.markBounce = () => Promise.reject(new Error('throttled'));
    await expect(handlers.bounces(sns(bounceOf([b.email.science])))).rejects.toThrow('throttled');
  });

  it('its environment needs the table, nothing else', () => {
    expect(() => readEnv(BounceEnv, {})).toThrow(EnvironmentError);
    expect(() => readEnv(BounceEnv, {})).toThrow(/TABLE_NAME/);
    expect(readEnv(BounceEnv, { TABLE_NAME: 'fazhi' })).toMatchObject({ TABLE_NAME: 'fazhi' });
  });
});
