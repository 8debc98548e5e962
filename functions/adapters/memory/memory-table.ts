/**
 * A table in memory with DynamoDB's shape: items by primary key, the three sparse indexes derived from
 * the same key attributes (keys.ts), queries sorted by sort key and read page by page, each page asked
 * for again after the last key seen (as LastEvaluatedKey does), so writes made while a caller walks
 * the pages behave as they do on DynamoDB. Items are copied in and out: nobody shares a reference.
 */
import type { Item } from '../dynamo/keys.js';

export type IndexName = 'table' | 'GSI1' | 'GSI2' | 'GSI3';

const INDEX_KEYS: Record<IndexName, [string, string]> = {
  table: ['PK', 'SK'],
  GSI1: ['GSI1PK', 'GSI1SK'],
  GSI2: ['GSI2PK', 'GSI2SK'],
  GSI3: ['GSI3PK', 'GSI3SK'],
};

export interface Query {
  index: IndexName;
  pk: string;
  /** Which sort keys match (the key condition's second half). */
  sk?: (sortKey: string) => boolean;
}

export class MemoryTable {
  private readonly items = new Map<string, Item>();
  /** index → partition key → primary keys of the items in it (kept in step by put). */
  private readonly partitions = new Map<IndexName, Map<string, Set<string>>>((Object.keys(INDEX_KEYS) as IndexName[]).map((name) => [name, new Map()]));

  constructor(private readonly pageSize = 100) {}

  get(key: { PK: string; SK: string }): Item | undefined {
    const item = this.items.get(primary(key));
    return item ? structuredClone(item) : undefined;
  }

  put(item: Item): void {
    const key = primary(item as { PK: string; SK: string });
    const previous = this.items.get(key);
    for (const [name, [pkName, skName]] of Object.entries(INDEX_KEYS) as [IndexName, [string, string]][]) {
      const partitions = this.partitions.get(name)!;
      if (previous && typeof previous[pkName] === 'string') partitions.get(previous[pkName] as string)?.delete(key);
      // Sparse, as a GSI is: an item is in an index only when it has both of its key attributes.
      if (typeof item[pkName] === 'string' && typeof item[skName] === 'string') {
        const members = partitions.get(item[pkName] as string) ?? new Set<string>();
        members.add(key);
        partitions.set(item[pkName] as string, members);
      }
    }
    this.items.set(key, structuredClone(item));
  }

  has(key: { PK: string; SK: string }): boolean {
    return this.items.has(primary(key));
  }

  async *pages(query: Query): AsyncIterable<Item> {
    const skName = INDEX_KEYS[query.index][1];
    let after: Buffer | undefined;
    for (;;) {
      const members = this.partitions.get(query.index)!.get(query.pk) ?? new Set<string>();
      const page = [...members]
        .map((key) => this.items.get(key)!)
        .filter((item) => (query.sk ? query.sk(item[skName] as string) : true))
        .map((item) => ({ item, order: Buffer.from(sortKeyOf(item, skName), 'utf8') }))
        .filter(({ order }) => after === undefined || Buffer.compare(order, after) > 0)
        // DynamoDB orders string keys by their UTF-8 bytes.
        .sort((a, b) => Buffer.compare(a.order, b.order))
        .slice(0, this.pageSize);
      for (const { item } of page) yield structuredClone(item);
      if (page.length < this.pageSize) return;
      after = page.at(-1)!.order;
      // Why a tick between pages: another writer may run here, as it could between two DynamoDB queries.
      await Promise.resolve();
    }
  }

  async all(query: Query): Promise<Item[]> {
    const found: Item[] = [];
    for await (const item of this.pages(query)) found.push(item);
    return found;
  }
}

function primary(key: { PK: string; SK: string }): string {
  return `${key.PK}\u0000${key.SK}`;
}

/** GSI sort keys may repeat across items; the primary key breaks the tie, as it does in a GSI. */
function sortKeyOf(item: Item, skName: string): string {
  return skName === 'SK' ? (item.SK as string) : `${item[skName] as string}\u0000${primary(item as { PK: string; SK: string })}`;
}
