/**
 * The single DynamoDB table: key names and indexes, shared by the CDK stack, the local stack and the
 * store adapter so the three never drift apart. The access patterns are documented in the README.
 *
 * | item        | PK                    | SK                 | GSI1 (attention, sparse)           | GSI2 (office)                 | GSI3 (calendar & year)            |
 * |-------------|-----------------------|--------------------|------------------------------------|-------------------------------|-----------------------------------|
 * | calendar    | CALENDARS             | <calendar>         |                                    |                               |                                   |
 * | occurrence  | OCC#<id>              | OCC                | ATTN#<calendar> / <nextAction>#<id> | OFFICE#<cal>#<office> / <year>#<due>#<id> | CAL#<cal>#<year> / OCC#<office>#<task>#<period> |
 * | submission  | OCC#<occurrence id>   | SUB#<submission>   |                                    |                               | CAL#<cal>#<year> / SUB#<createdAt>#<submission> |
 * | mail        | MAIL#<mail id>        | MAIL               | OUTBOX / <createdAt>#<mail id> (while not sent) |                  |                                   |
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

export const TABLE_INDEXES = [
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
] as const;

export type IndexName = (typeof TABLE_INDEXES)[number]['indexName'];
