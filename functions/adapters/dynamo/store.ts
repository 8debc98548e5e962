/** The engine's Store on one DynamoDB table: one adapter per aggregate over the same table. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Store } from '../../core/engine/ports.js';
import { DynamoCalendars } from './calendars.js';
import { DynamoOccurrences } from './occurrences.js';
import { DynamoOutbox } from './outbox.js';
import { DynamoSubmissions } from './submissions.js';
import { Table, type TableOptions } from './table.js';

export function dynamoStore(client: DynamoDBClient, tableName: string, options: TableOptions = {}): Store {
  const table = new Table(client, tableName, options);
  return {
    calendars: new DynamoCalendars(table),
    occurrences: new DynamoOccurrences(table),
    outbox: new DynamoOutbox(table),
    submissions: new DynamoSubmissions(table),
  };
}
