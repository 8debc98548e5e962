/**
 * The house Lambda construct: every function of the stack goes through it, so runtime, architecture,
 * bundling, logging and failure handling are decided once.
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

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
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

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
}

export class HouseFunction extends NodejsFunction {
  /** The function's own role (the same object as `role`, typed concretely for acknowledgements). */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    // Why an explicit log group: retention is set (Lambda's own group never expires) and it exists
    // before the first invocation, so the role needs no logs:CreateLogGroup on "*".
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
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

    const afterBundling = props.afterBundling;
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

/**
 * Grants a function access to the table AND tells it the table's name: the two always go together, so a
 * function can never hold the permission without knowing the table, or the name without the permission.
 */
export function useTable(fn: HouseFunction, table: Table, access: 'read' | 'readWrite' = 'readWrite'): void {
  if (access === 'read') table.grantReadData(fn);
  else table.grantReadWriteData(fn);
  fn.addEnvironment('TABLE_NAME', table.tableName);
  // The grant covers the table's indexes as `<table arn>/index/*`; the index names are fixed by
  // table-design.ts, and the store queries all three.
  Validations.of(fn.executionRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
    reason: "Queries go through the three GSIs of table-design.ts (attention, office, calendar & year); the wildcard covers only this table's indexes.",
  });
}

/** The CloudFormation logical id of an L2 construct's resource, as cdk-nag prints it in findings. */
export function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}
