/** The access port on the single table (items: access-keys.ts). */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../core/access/audit.js';
import type { Account, ApiToken, Session, SignInLink } from '../../core/access/model.js';
import type { AccessStore, AccountChange } from '../../core/access/ports.js';
import { ConflictError, NotFoundError } from '../../core/engine/ports.js';
import * as keys from './access-keys.js';
import { calendarYearPk, type Item, strip } from './keys.js';
import { Table, type TableOptions } from './table.js';

export function dynamoAccess(client: DynamoDBClient, tableName: string, options: TableOptions = {}): AccessStore {
  const table = new Table(client, tableName, options);
  const doc = table.doc;
  const get = async <T>(key: { PK: string; SK: string }): Promise<T | undefined> => {
    const { Item } = await doc.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
    return Item ? strip<T>(Item as Item) : undefined;
  };
  /** A write whose condition may fail: false then. */
  const conditional = async (write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const put = (item: Item) => doc.send(new PutCommand({ TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
  /** Never overwrites: a second item with the same key is a ConflictError, as in memory. */
  const createOnly = async (item: Item, what: string): Promise<void> => {
    if (!(await conditional(() => put(item)))) throw new ConflictError(`${what} exists already`);
  };
  const oldestFirst = (entries: AuditEntry[]) => entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));

  return {
    accounts: {
      create: (account: Account) => conditional(() => put(keys.accountItem(account))),
      get: (email) => get<Account>(keys.accountKey(email)),
      list: () => table.queryAll<Account>({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.ACCOUNTS_PK }, ConsistentRead: true }),
      async update(email: string, expectedVersion: number, change: AccountChange): Promise<Account> {
        const names: Record<string, string> = { '#version': 'version' };
        const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1 };
        const sets = Object.entries(change)
          .filter(([, value]) => value !== undefined)
          .map(([field, value]) => {
            names[`#${field}`] = field;
            values[`:${field}`] = value;
            return `#${field} = :${field}`;
          });
        try {
          const { Attributes } = await doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keys.accountKey(email),
              UpdateExpression: `SET ${sets.join(', ')}, #version = #version + :one`,
              ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
              ReturnValues: 'ALL_NEW',
            }),
          );
          return strip<Account>(Attributes as Item);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          if (!(await get<Account>(keys.accountKey(email)))) throw new NotFoundError(`no account "${email}"`);
          throw new ConflictError(`account ${email} changed since version ${expectedVersion}`);
        }
      },
    },
    signInLinks: {
      create: (link: SignInLink) => createOnly(keys.signInItem(link), `sign-in link ${link.hash.slice(0, 8)}`),
      async consume(hash: string, email: string, now: string): Promise<SignInLink | undefined> {
        try {
          const { Attributes } = await doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keys.signInKey(hash),
              UpdateExpression: 'SET usedAt = :now',
              ConditionExpression: 'attribute_exists(PK) AND usedAt = :null AND expiresAt > :now AND email = :email',
              ExpressionAttributeValues: { ':now': now, ':null': null, ':email': email },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return strip<SignInLink>(Attributes as Item);
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return undefined;
          throw error;
        }
      },
    },
    sessions: {
      create: (session: Session) => createOnly(keys.sessionItem(session), `session ${session.hash.slice(0, 8)}`),
      get: (hash) => get<Session>(keys.sessionKey(hash)),
      async end(hash: string, at: string): Promise<void> {
        await conditional(() =>
          doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keys.sessionKey(hash),
              UpdateExpression: 'SET endedAt = :at',
              ConditionExpression: 'attribute_exists(PK) AND endedAt = :null',
              ExpressionAttributeValues: { ':at': at, ':null': null },
            }),
          ),
        );
      },
    },
    apiTokens: {
      create: (token: ApiToken) => createOnly(keys.apiTokenItem(token), `API token ${token.id}`),
      get: (hash) => get<ApiToken>(keys.apiTokenKey(hash)),
      ofAccount: (email) => table.queryAll<ApiToken>({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.tokensOfPk(email) } }),
      async revoke(email: string, id: string, at: string): Promise<boolean> {
        const token = (await this.ofAccount(email)).find((t) => t.id === id && t.revokedAt === null);
        if (!token) return false;
        return conditional(() =>
          doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keys.apiTokenKey(token.hash),
              UpdateExpression: 'SET revokedAt = :at',
              ConditionExpression: 'attribute_exists(PK) AND revokedAt = :null',
              ExpressionAttributeValues: { ':at': at, ':null': null },
            }),
          ),
        );
      },
    },
    rateLimits: {
      take: (key, window, limit) =>
        conditional(() =>
          doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keys.rateKey(key, window),
              UpdateExpression: 'ADD #n :one',
              ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
              ExpressionAttributeNames: { '#n': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':limit': limit },
            }),
          ),
        ),
    },
    officeKeys: {
      async version(calendar: string, office: string): Promise<number> {
        return (await get<{ keyVersion: number }>(keys.officeKeyKey(calendar, office)))?.keyVersion ?? 0;
      },
      async rotate(calendar: string, office: string): Promise<number> {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keys.officeKeyKey(calendar, office),
            UpdateExpression: 'SET #type = :type, calendar = :calendar, office = :office ADD keyVersion :one',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'officekey', ':calendar': calendar, ':office': office, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return (Attributes as { keyVersion: number }).keyVersion;
      },
    },
    audit: {
      append: (entry: AuditEntry) => createOnly(keys.auditItem(entry), `audit entry ${keys.auditSk(entry)}`),
      ofOccurrence: async (occurrenceId) =>
        oldestFirst(await table.queryAll<AuditEntry>({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPk(occurrenceId) }, ConsistentRead: true })),
      ofCalendarYear: async (calendar, year) =>
        oldestFirst(
          await table.queryAll<AuditEntry>({
            IndexName: 'GSI3',
            KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :audit)',
            ExpressionAttributeValues: { ':pk': calendarYearPk(calendar, year), ':audit': 'AUDIT#' },
          }),
        ),
      general: async () => oldestFirst(await table.queryAll<AuditEntry>({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.generalAuditPk }, ConsistentRead: true })),
    },
  };
}
