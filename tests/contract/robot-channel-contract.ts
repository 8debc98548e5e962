/**
 * The RobotChannel contract: what the sweep relies on from a robot channel, held against the in-memory
 * recorder (unit) and the HTTPS adapter posting to the local receiver (integration). A message arrives
 * once, whole (markdown byte for byte, the title where the vendor has one), and each send gets an id.
 */
import { describe, expect, it } from 'vitest';
import type { RobotChannel, RobotMessage, RobotTarget } from '../../functions/core/engine/ports.js';

export interface RobotChannelWorld {
  channel: RobotChannel;
  /** The robots a message may go to (the world has their credentials). */
  robots: { dingtalk: RobotTarget; wecom: RobotTarget };
  /** What the robot's group received, in order. */
  received(): Promise<{ vendor: RobotTarget['vendor']; robot: string; title: string; markdown: string }[]>;
}

export function robotChannelContract(name: string, makeWorld: () => Promise<RobotChannelWorld>): void {
  describe(`RobotChannel contract: ${name}`, () => {
    const message = (robot: RobotTarget, text: string): RobotMessage => ({ id: `m-${text.length}-${robot.vendor}`, robot, title: '【法治工作提醒】办公室：1项待办（2025-03-07）', markdown: text });

    it('delivers each message once, whole, and answers with an id', async () => {
      const world = await makeWorld();
      const before = (await world.received()).length;
      const text = '### 提醒\n1. **报送法治宣传材料** 截止2025-03-14，还有7天；材料：照片×2\n\n[上传材料](http://127.0.0.1:3000/upload?token=a.b)';
      const ids = [await world.channel.send(message(world.robots.dingtalk, text)), await world.channel.send(message(world.robots.wecom, `${text}\n> 二`))];
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      const received = (await world.received()).slice(before);
      expect(received.map((r) => [r.vendor, r.robot, r.markdown])).toEqual([
        ['dingtalk', world.robots.dingtalk.secret, text],
        ['wecom', world.robots.wecom.secret, `${text}\n> 二`],
      ]);
      // DingTalk shows a title in the chat list; WeCom's markdown has none.
      expect(received[0]!.title).toBe('【法治工作提醒】办公室：1项待办（2025-03-07）');
    });
  });
}
