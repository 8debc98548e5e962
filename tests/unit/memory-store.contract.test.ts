/** The Store and EvidenceBucket contracts against the in-memory adapters (what the property tests and the simulation use). */
import { memoryAccess } from '../../functions/adapters/memory/memory-access.js';
import { MemoryBucket } from '../../functions/adapters/memory/memory-bucket.js';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { MemoryTable } from '../../functions/adapters/memory/memory-table.js';
import { bucketContract } from '../contract/bucket-contract.js';
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
