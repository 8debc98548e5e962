/**
 * Mails committed before the outbox had one partition per calendar sit in the single OUTBOX partition:
 * the calendar's worker still finds and sends them (DynamoDB Local).
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LEGACY_OUTBOX_PK, mailItem } from '../../functions/adapters/dynamo/keys.js';
import { dynamoStore } from '../../functions/adapters/dynamo/store.js';
import { ensureTable, localDynamoClient } from '../../functions/local/emulators.js';
import { mail } from '../contract/store-contract.js';

const client = localDynamoClient(inject('dynamoEndpoint'));
afterAll(() => client.destroy());

describe('outbox written by an earlier release', () => {
  it("a mail in the legacy OUTBOX partition is among its calendar's unsent mails, and no other calendar's", async () => {
    const table = `fazhi-legacy-${randomUUID().slice(0, 8)}`;
    await ensureTable(inject('dynamoEndpoint'), table);
    const store = dynamoStore(client, table);
    const old = mail('legacy-cal');
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: table, Item: { ...mailItem(old), GSI1PK: LEGACY_OUTBOX_PK } }));
    const current = mail('legacy-cal');
    expect(await store.outbox.commit(current, [])).toBe('committed');
    expect((await store.outbox.unsent('legacy-cal')).map((m) => m.id).sort()).toEqual([old.id, current.id].sort());
    expect(await store.outbox.unsent('other-cal')).toEqual([]);
    // Once sent, it leaves the index like any other mail.
    expect(await store.outbox.claim(old.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z')).toBe(true);
    await store.outbox.markSent(old.id, 'ses-1', '2025-03-07T01:00:05.000Z');
    expect((await store.outbox.unsent('legacy-cal')).map((m) => m.id)).toEqual([current.id]);
  });
});
