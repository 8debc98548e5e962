/**
 * The house Lambda construct: every function of the stack goes through it, so runtime, architecture,
 * bundling, logging and failure handling are decided once.
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AUDIT_PREFIX } from '../functions/adapters/dynamo/access-keys.js';
import type { IndexName } from '../functions/adapters/table-design.js';

/** The repository root: the esbuild project root and the home of the lock file. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Lambda entry points, one small file per function (see functions/handlers/). */
export const HANDLERS_DIR = join(PROJECT_ROOT, 'functions', 'handlers');

/** Pinned, not "latest": a runtime change is a reviewed change (esbuild targets this version). */
export const HOUSE_RUNTIME = Runtime.NODEJS_22_X;

/**
 * esbuild emits ESM, but some dependencies still call `require` (CommonJS); this gives them one.
 * The alias keeps it from clashing with a bundled module that declares its own `createRequire`.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

export interface HouseFunctionProps {
  /** The handler file; it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
  /** Active X-Ray tracing. @default false */
  readonly tracing?: boolean;
  /**
   * For functions invoked asynchronously (schedules, S3 events): after two retries the failed event is
   * sent here, so nothing is lost silently.
   */
  readonly onFailure?: IQueue;
  /** Extra shell commands run after esbuild, e.g. to copy data files next to the bundle. */
  readonly afterBundling?: (outputDir: string) => string[];
  /**
   * Packages the code loads only on a path it seldom takes (`await import(…)`): left out of the bundle
   * and shipped beside it in node_modules/, so the usual path neither carries nor parses them.
   */
  readonly lazyPackages?: readonly LazyPackage[];
  /**
   * How long the function's log group keeps its logs; the group is retained when the stack is
   * deleted. @default 180 days (Cybersecurity Law art. 21: network logs kept at least six months)
   */
  readonly logRetention?: RetentionDays;
  /** Concurrent executions reserved (and allowed): 1 makes the function's runs strictly one at a time. */
  readonly reservedConcurrency?: number;
}

/** Packages a function may load lazily: each has no dependencies of its own, so copying its folder ships it whole. */
export const LAZY_PACKAGES = ['nodemailer'] as const;
export type LazyPackage = (typeof LAZY_PACKAGES)[number];

/** The shell command that puts an installed package into the bundle's node_modules/ (bundling is local, never in Docker). */
function shipPackage(name: LazyPackage, outputDir: string): string {
  const target = join(outputDir, 'node_modules');
  return `mkdir -p '${target}' && cp -R '${join(PROJECT_ROOT, 'node_modules', name)}' '${target}/'`;
}

/** The least the logs are kept: six months (网络安全法 第二十一条). */
export const MIN_LOG_RETENTION = RetentionDays.SIX_MONTHS;

export class HouseFunction extends NodejsFunction {
  /** The function's own role (the same object as `role`, typed concretely for acknowledgements). */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    // Why an explicit log group: retention is set (Lambda's own group never expires) and it exists
    // before the first invocation, so the role needs no logs:CreateLogGroup on "*". Retained on
    // destroy: the logs are records the law asks to keep, not part of the deployment.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? MIN_LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Why an own role: the AWS managed AWSLambdaBasicExecutionRole allows writing to every log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    const lazy = props.lazyPackages ?? [];
    const afterBundling =
      props.afterBundling || lazy.length > 0 ? (outputDir: string) => [...lazy.map((name) => shipPackage(name, outputDir)), ...(props.afterBundling?.(outputDir) ?? [])] : undefined;
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: HOUSE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role,
      logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      ...(props.reservedConcurrency !== undefined && { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: {
        // esbuild's source maps turn minified stack traces back into file:line of the TypeScript.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Why bundle the SDK: a minified, tree-shaken SDK roughly halves cold start compared with the
        // runtime's copy (aws-sdk-js-v3 issue #5516) and pins the version the tests ran against.
        bundleAwsSDK: true,
        ...(lazy.length > 0 && { externalModules: [...lazy] }),
        ...(afterBundling && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_inputDir: string, outputDir: string) => afterBundling(outputDir),
          },
        }),
      },
      ...(props.onFailure && {
        retryAttempts: 2,
        onFailure: new SqsDestination(props.onFailure),
      }),
    });

    this.executionRole = role;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `Pinned to ${HOUSE_RUNTIME.name}, the runtime the bundle targets and the tests cover; moving to a newer runtime is a deliberate change of HOUSE_RUNTIME.`,
    });
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.',
      });
    }
  }
}

/** What a function does to the table: exactly these actions, on the table and these indexes only. */
export interface TableAccess {
  readonly actions: readonly TableAction[];
  readonly indexes: readonly IndexName[];
}

/**
 * The item-level DynamoDB actions the store adapters use (functions/adapters/dynamo/). A transaction is
 * authorised by the actions of its items (PutItem, UpdateItem), so it needs nothing more. Never granted:
 * DeleteItem (nothing is deleted), BatchWriteItem, Scan.
 */
export type TableAction = 'dynamodb:GetItem' | 'dynamodb:BatchGetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem';

/**
 * Grants a function exactly `access` to the table AND tells it the table's name: the two always go
 * together, so a function can never hold the permission without knowing the table, or the name without
 * the permission. Index ARNs are named one by one (no `index/*`).
 */
/** What no function may do to an audit entry (PutItem stays: it appends, conditioned on the key not existing). */
export const AUDIT_DENIED_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'] as const;

export function useTable(fn: HouseFunction, table: Table, access: TableAccess): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [...access.actions].sort(),
      resources: [table.tableArn, ...access.indexes.map((index) => `${table.tableArn}/index/${index}`)],
    }),
  );
  // The audit trail is append-only: whatever the function may do elsewhere in the table, it may not
  // update or delete an item whose partition key is an audit one (AUDIT#…), even by mistake.
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: [...AUDIT_DENIED_ACTIONS],
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_PREFIX}*`] } },
    }),
  );
  fn.addEnvironment('TABLE_NAME', table.tableName);
}

/** The CloudFormation logical id of an L2 construct's resource, as cdk-nag prints it in findings. */
export function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}
