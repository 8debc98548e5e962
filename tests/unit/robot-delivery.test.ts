/**
 * Robot messages in the outbox, in memory: the per-robot rate (20 a minute) makes a message wait, never
 * drops it; a run that cannot wait leaves it pending; DingTalk's lock holds the robot for every sender.
 */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { RecordingMailer } from '../../functions/adapters/memory/recording-mailer.js';
import { RecordingRobots } from '../../functions/adapters/memory/recording-robots.js';
import { deliverPending, MAIL_LEASE_SECONDS, RATE_WAIT_BUDGET_MS } from '../../functions/core/engine/outbox.js';
import { type RobotChannel, RobotLockedError, type RobotTarget } from '../../functions/core/engine/ports.js';
import { pendingMail } from '../../functions/core/engine/records.js';
import { ROBOT_SEND_RATE, robotChannel } from '../../functions/core/engine/send-rate.js';

const robot: RobotTarget = { vendor: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send', secret: 'bureau-group' };

async function world(count: number) {
  let now = Date.parse('2025-03-07T01:00:00.000Z');
  const clock = () => new Date(now);
  const store = memoryStore();
  const robots = new RecordingRobots(clock);
  for (let i = 0; i < count; i += 1) {
    const entry = pendingMail(
      {
        id: `reminder#cal#office-${i}#2025-03-07#x#dingtalk:bureau-group#1`,
        kind: 'reminder',
        calendar: 'cal',
        office: `office-${i}`,
        day: '2025-03-07',
        to: [],
        cc: [],
        subject: `提醒${i}`,
        html: '',
        text: `第${i}条`,
        occurrenceIds: [],
        robot,
      },
      clock(),
    );
    expect(await store.outbox.commit(entry, [])).toBe('committed');
  }
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    now += ms;
  };
  return { store, robots, clock, sleep, slept, mailer: new RecordingMailer(clock) };
}

describe('robot delivery', () => {
  it('sends 20 at once, then waits for the window and sends the 21st', async () => {
    const w = await world(21);
    const result = await deliverPending({ store: w.store, mailer: w.mailer, robots: w.robots, clock: w.clock, sleep: w.sleep }, 'cal');
    expect(result.sent).toHaveLength(21);
    expect(result.waiting).toEqual([]);
    expect(w.slept).toHaveLength(1);
    const times = w.robots.sent.map((m) => Date.parse(m.sentAt));
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(times.slice(0, 20).every((t) => t === times[0])).toBe(true);
  });

  it('leaves what it cannot wait for pending, with its attempts untouched, for the next run', async () => {
    const w = await world(21);
    // Another sender holds the robot longer than a run waits.
    await w.store.outbox.holdChannel(robotChannel(robot), new Date(w.clock().getTime() + RATE_WAIT_BUDGET_MS + 1).toISOString());
    const result = await deliverPending({ store: w.store, mailer: w.mailer, robots: w.robots, clock: w.clock, sleep: w.sleep }, 'cal');
    expect(result.sent).toEqual([]);
    expect(result.waiting).toHaveLength(21);
    expect(w.slept).toEqual([]);
    const unsent = await w.store.outbox.unsent('cal');
    expect(unsent).toHaveLength(21);
    expect(unsent.every((m) => m.status === 'pending' && m.attempts === 0)).toBe(true);
  });

  it("holds the robot for DingTalk's 10-minute lock: the message is retried later, the rest wait", async () => {
    const w = await world(2);
    const locking: RobotChannel = {
      send: async () => {
        throw new RobotLockedError('dingtalk errcode 130101: send too fast', 600_000);
      },
    };
    const result = await deliverPending({ store: w.store, mailer: w.mailer, robots: locking, clock: w.clock, sleep: w.sleep }, 'cal');
    expect(result.failed).toEqual([{ id: expect.stringContaining('office-0'), error: 'dingtalk errcode 130101: send too fast', permanent: false }]);
    expect(result.waiting).toEqual([expect.stringContaining('office-1')]);
    const later = new Date(w.clock().getTime() + 600_000).toISOString();
    expect(await w.store.outbox.takeSendSlot(robotChannel(robot), w.clock().toISOString(), ROBOT_SEND_RATE)).toBe(later);
  });

  it('does not post again what a crashed run claimed, until its lease has expired', async () => {
    const w = await world(1);
    const [entry] = await w.store.outbox.unsent('cal');
    // A run claimed it and died before marking it sent (it may or may not have posted).
    expect(await w.store.outbox.claim(entry!.id, new Date(w.clock().getTime() + MAIL_LEASE_SECONDS * 1000).toISOString(), w.clock().toISOString())).toBe(true);
    const deps = { store: w.store, mailer: w.mailer, robots: w.robots, clock: w.clock, sleep: w.sleep };
    expect((await deliverPending(deps, 'cal')).skipped).toEqual([entry!.id]);
    expect(w.robots.sent).toEqual([]);
    await w.sleep(MAIL_LEASE_SECONDS * 1000 + 1);
    expect((await deliverPending(deps, 'cal')).sent).toEqual([entry!.id]);
    expect((await deliverPending(deps, 'cal')).sent).toEqual([]);
    expect(w.robots.sent).toHaveLength(1);
  });

  it('fails a robot message transiently where no robot channel is configured', async () => {
    const w = await world(1);
    const result = await deliverPending({ store: w.store, mailer: w.mailer, clock: w.clock, sleep: w.sleep }, 'cal');
    expect(result.failed).toEqual([{ id: expect.any(String), error: 'this function has no robot channel configured', permanent: false }]);
  });
});
