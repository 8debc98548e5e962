/** The document client over the one table, with the query helpers every aggregate store uses. */
import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Item, strip } from './keys.js';

export interface TableOptions {
  /** Items per query page (DynamoDB's own limit is 1 MB); small pages let the tests exercise paging. */
  pageSize?: number;
}

/** A transaction DynamoDB cancelled for a reason other than a lost condition (throttling, validation…). */
export class TransactionFailedError extends Error {
  override readonly name = 'TransactionFailedError';
}

export class Table {
  readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly name: string,
    private readonly options: TableOptions = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async *pages<T>(input: Omit<QueryCommandInput, 'TableName'>): AsyncIterable<T> {
    const pages = paginateQuery({ client: this.doc, ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}) }, { ...input, TableName: this.name });
    for await (const page of pages) for (const item of page.Items ?? []) yield strip<T>(item as Item);
  }

  async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this.pages<T>(input)) items.push(item);
    return items;
  }
}

/**
 * Why each transaction item failed: DynamoDB says it per item, in order. Conditions that failed are
 * the expected races; anything else (throttling, validation) is an error to report, not a race.
 */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

export function unexpectedCancellation(codes: readonly string[], what: string): TransactionFailedError {
  return new TransactionFailedError(`${what}: transaction cancelled (${codes.join(', ')})`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
