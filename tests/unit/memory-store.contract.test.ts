/** The Store, access, EvidenceBucket and RobotChannel contracts against the in-memory adapters (what the property tests and the simulation use). */
import { memoryAccess } from '../../functions/adapters/memory/memory-access.js';
import { MemoryBucket } from '../../functions/adapters/memory/memory-bucket.js';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { MemoryTable } from '../../functions/adapters/memory/memory-table.js';
import { RecordingRobots } from '../../functions/adapters/memory/recording-robots.js';
import { bucketContract } from '../contract/bucket-contract.js';
import { robotChannelContract } from '../contract/robot-channel-contract.js';
import { accessContract, storeContract } from '../contract/store-contract.js';

storeContract('memory', async (options) => memoryStore(options));
accessContract('memory', async () => {
  const table = new MemoryTable();
  return { access: memoryAccess(table), store: memoryStore({ table }) };
});

bucketContract(
  'memory',
  async () => {
    const bucket = new MemoryBucket();
    return {
      bucket,
      // What the browser's PUT does: the target's headers and the body, checked against the grant.
      async upload(target, body) {
        bucket.upload(target.key, target.headers, body);
      },
    };
  },
  { refusesPutsUnlikeTheGrant: true, enforcesWriteConditions: true, versions: true },
);

robotChannelContract('memory', async () => {
  const channel = new RecordingRobots();
  return {
    channel,
    robots: {
      dingtalk: { vendor: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send', secret: 'ding' },
      wecom: { vendor: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', secret: 'wecom' },
    },
    // The recorder keeps what a group would show: DingTalk's title, WeCom's markdown only.
    received: async () => channel.sent.map((m) => ({ vendor: m.robot.vendor, robot: m.robot.secret, title: m.robot.vendor === 'dingtalk' ? m.title : '', markdown: m.markdown })),
  };
});
