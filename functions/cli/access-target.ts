/**
 * Where `fazhi accounts` and `fazhi links` act: the table named by TABLE_NAME (AWS, with the usual
 * credential chain; DYNAMODB_ENDPOINT for DynamoDB Local), else the local mode running from the data
 * folder (it writes running.json while it runs). They write the table directly, as the deploy's
 * operator, not through the API: the first admin has no token yet, and a lost admin can be restored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoAccess } from '../adapters/dynamo/access.js';
import { dynamoStore } from '../adapters/dynamo/store.js';
import type { AuditActor } from '../core/access/audit.js';
import type { AccessStore } from '../core/access/ports.js';
import type { Store } from '../core/engine/ports.js';
import { localDynamoClient } from '../local/emulators.js';

export class AccessTargetError extends Error {
  override readonly name = 'AccessTargetError';
}

export interface AccessTarget {
  access: AccessStore;
  /** The engine's store on the same table (to check a calendar and office exist). */
  store: Store;
  /** Said before each change, so the operator sees where it went. */
  where: string;
  /** The running local mode's table (not TABLE_NAME's). */
  local: boolean;
  close(): void;
}

export function accessTarget(env: Record<string, string | undefined>, dataDir: string): AccessTarget {
  if (env.TABLE_NAME) {
    const client = env.DYNAMODB_ENDPOINT ? localDynamoClient(env.DYNAMODB_ENDPOINT) : new DynamoDBClient({ region: env.AWS_REGION ?? 'ap-southeast-1' });
    return { access: dynamoAccess(client, env.TABLE_NAME), store: dynamoStore(client, env.TABLE_NAME), where: `table ${env.TABLE_NAME}`, local: false, close: () => client.destroy() };
  }
  const running = join(dataDir, 'running.json');
  if (!existsSync(running)) {
    throw new AccessTargetError(`no table to act on: set TABLE_NAME (AWS; with your AWS credentials) or start local mode first (\`npm start\`, which writes ${running})`);
  }
  const local = JSON.parse(readFileSync(running, 'utf8')) as { tableName: string; dynamodbEndpoint: string; url: string };
  const client = localDynamoClient(local.dynamodbEndpoint);
  return { access: dynamoAccess(client, local.tableName), store: dynamoStore(client, local.tableName), where: `local mode at ${local.url}`, local: true, close: () => client.destroy() };
}

/** The operator as the audit trail names them: --as, else the login name of this machine. */
export function operator(as: string | undefined): AuditActor {
  const name = as?.trim() || userInfo().username;
  return { email: `operator:${name}`, name };
}
