/** Calendars on the table: one item each under CALENDARS. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarStore } from '../../core/engine/ports.js';
import type { CalendarMeta, MailBounce } from '../../core/engine/records.js';
import { bounceKey, CALENDARS_PK, calendarKey, strip } from './keys.js';
import type { Table } from './table.js';

export class DynamoCalendars implements CalendarStore {
  constructor(private readonly table: Table) {}

  /** Writes the plan's part; a digest time already recorded is kept, and the bounces are markBounce's alone. */
  async put(meta: CalendarMeta): Promise<void> {
    const { lastDigestAt, bounces: _bounces, ...rest } = meta;
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = { ':type': 'calendar', ':lastDigestAt': lastDigestAt };
    const sets = Object.entries(rest).map(([field, value]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      return `#${field} = :${field}`;
    });
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: calendarKey(meta.id),
        UpdateExpression: `SET ${[...sets, '#type = :type', 'lastDigestAt = if_not_exists(lastDigestAt, :lastDigestAt)'].join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async get(id: string): Promise<CalendarMeta | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: calendarKey(id), ConsistentRead: true }));
    return Item ? strip<CalendarMeta>(Item) : undefined;
  }

  list(): Promise<CalendarMeta[]> {
    return this.table.queryAll<CalendarMeta>({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': CALENDARS_PK }, ConsistentRead: true });
  }

  async setLastDigestAt(calendar: string, at: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: calendarKey(calendar),
          UpdateExpression: 'SET lastDigestAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_type(lastDigestAt, :null) OR lastDigestAt < :at)',
          ExpressionAttributeValues: { ':at': at, ':null': 'NULL' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // a later digest already moved it
    }
  }

  async markBounce(calendar: string, bounce: MailBounce): Promise<boolean> {
    const key = bounceKey(bounce);
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: calendarKey(calendar),
          // bounceKeys (a string set, stripped from the record) makes a redelivered notification a no-op.
          UpdateExpression: 'SET bounces = list_append(if_not_exists(bounces, :empty), :bounce) ADD bounceKeys :keys',
          ConditionExpression: 'attribute_exists(PK) AND NOT contains(bounceKeys, :key)',
          ExpressionAttributeValues: { ':empty': [], ':bounce': [{ address: bounce.address, type: bounce.type, at: bounce.at }], ':keys': new Set([key]), ':key': key },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
