/**
 * The fazhi stack: one table, one evidence bucket, five functions, the schedules that drive them, and the
 * alarms that say when they fail. The README's "How it works" shows the flow.
 */
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Schedule, ScheduleExpression, ScheduleTargetInput, ContextAttribute } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { TABLE_INDEXES, TABLE_KEYS } from '../functions/adapters/table-design.js';
import type { PlansAsset } from './compiled-plans.js';
import { HANDLERS_DIR, HouseFunction, logicalIdOf, useTable } from './house-function.js';

/** The handler file of each function, relative to the handlers directory. */
export const HANDLER_FILES = {
  sweep: 'sweep.ts',
  api: 'api.ts',
  s3Event: 's3-event.ts',
  digest: 'digest.ts',
  materialise: 'materialise.ts',
} as const;
export type FunctionName = keyof typeof HANDLER_FILES;

/** Uploaded evidence lives under this prefix; only objects here trigger the s3-event function. */
export const EVIDENCE_PREFIX = 'evidence/';

export const DAILY_SWEEP_CRON = 'cron(0 9 * * ? *)';
/**
 * The digest runs every day at 09:30, after the sweep (never both at 09:00), and sends on the first
 * working day of each ISO week: a holiday Monday moves it to Tuesday, a make-up Sunday can carry it.
 */
export const DAILY_DIGEST_CRON = 'cron(30 9 * * ? *)';
/**
 * The rollover runs every day at 08:00, before the sweep: it writes this year and next from the plans
 * compiled at synth (several years ahead), so a new year needs no deploy. Daily, not yearly, because it
 * is idempotent and a missed yearly run would lose a year; by 1 January 08:00 the new year is in place.
 */
export const DAILY_ROLLOVER_CRON = 'cron(0 8 * * ? *)';

export interface FazhiStackProps extends StackProps {
  /** plans.json compiled at synth time (see compiled-plans.ts). */
  readonly plans: PlansAsset;
  /** Where the handler files are. @default functions/handlers */
  readonly handlersDir?: string;
}

/**
 * Context keys (cdk.json or `-c key=value`):
 * - `mailDomain`      sender domain, verified as an SES identity; mail comes from fazhi@<domain>. Default example.gov.cn.
 * - `allowedOrigins`  origins allowed to PUT evidence to the bucket from a browser (array or comma list). Default ['*'].
 * - `alarmEmail`      optional address subscribed to the alarm topic.
 * - `tracing`         'true' for active X-Ray tracing on every function. Default false.
 */
export class FazhiStack extends Stack {
  readonly table: Table;
  readonly evidenceBucket: Bucket;
  readonly functions: Record<FunctionName, HouseFunction>;
  readonly failedInvocations: Queue;
  readonly alarmTopic: Topic;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: FazhiStackProps) {
    super(scope, id, props);
    const mailDomain = String(this.node.tryGetContext('mailDomain') ?? 'example.gov.cn');
    const allowedOrigins = listContext(this.node.tryGetContext('allowedOrigins')) ?? ['*'];
    const alarmEmail = this.node.tryGetContext('alarmEmail') as string | undefined;
    const tracing = String(this.node.tryGetContext('tracing') ?? 'false') === 'true';
    const handlersDir = props.handlersDir ?? HANDLERS_DIR;
    const entry = (name: FunctionName) => join(handlersDir, HANDLER_FILES[name]);

    // ── State: the table and the evidence bucket are kept when the stack is deleted ──────────────
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log destination of the evidence bucket; logging it into itself would loop.',
    });

    this.evidenceBucket = new Bucket(this, 'Evidence', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence-bucket/',
      // Browsers PUT evidence straight to S3 with a presigned URL from the api function.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins,
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      // Evidence is never deleted, but an abandoned upload should not be billed forever.
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });

    // ── Mail and secrets ──────────────────────────────────────────────────────────────────────
    const mailIdentity = new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(mailDomain) });
    const mailFrom = `fazhi@${mailDomain}`;

    const tokenSecret = new Secret(this, 'TokenSecret', {
      description: 'HMAC key of the upload links in reminder e-mails (TOKEN_SECRET)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(tokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the link-signing key would invalidate every upload link already e-mailed; it is rotated by hand between reminder rounds.',
    });
    const adminToken = new Secret(this, 'AdminToken', {
      description: "Bearer credential of the policy office's board (ADMIN_TOKEN)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(adminToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A static bearer token shared with the policy office; rotation needs the office to receive the new value, so it is done by hand.',
    });

    // ── Failure handling ──────────────────────────────────────────────────────────────────────
    this.failedInvocations = new Queue(this, 'FailedInvocations', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedInvocations).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the asynchronously invoked functions and schedules.',
    });
    this.alarmTopic = new Topic(this, 'Alarms', { displayName: 'fazhi alarms', enforceSSL: true });
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry no personal data, and CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.',
    });
    if (alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(alarmEmail));

    // ── HTTP API (created before the functions that put its URL in their links) ───────────────
    this.api = new HttpApi(this, 'Api', { description: 'fazhi: upload pages, evidence presigning, board', createDefaultStage: false });
    const apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const stage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(apiAccessLogs) },
      // The links are public; throttling caps what a leaked link or a crawler can cost.
      throttle: { rateLimit: 20, burstLimit: 50 },
    });
    const publicBaseUrl = this.api.apiEndpoint;

    // ── Functions: each gets only what it needs ──────────────────────────────────────────────
    const sweep = new HouseFunction(this, 'Sweep', {
      entry: entry('sweep'),
      description: 'Daily sweep: reminders, overdue flags, escalation',
      // SES in the sandbox sends one message a second: a large reminder round takes minutes.
      timeout: Duration.minutes(10),
      tracing,
      onFailure: this.failedInvocations,
      environment: { MAIL_FROM: mailFrom, PUBLIC_BASE_URL: publicBaseUrl, TOKEN_SECRET_ARN: tokenSecret.secretArn },
    });
    useTable(sweep, this.table);
    tokenSecret.grantRead(sweep);

    const digest = new HouseFunction(this, 'Digest', {
      entry: entry('digest'),
      description: 'Weekly digest to the policy office',
      timeout: Duration.minutes(5),
      tracing,
      onFailure: this.failedInvocations,
      environment: { MAIL_FROM: mailFrom, PUBLIC_BASE_URL: publicBaseUrl, TOKEN_SECRET_ARN: tokenSecret.secretArn },
    });
    useTable(digest, this.table);
    tokenSecret.grantRead(digest);

    const apiHandler = new HouseFunction(this, 'ApiHandler', {
      entry: entry('api'),
      description: 'HTTP API: upload pages, presigned evidence uploads, policy office board',
      // HTTP APIs give up after 30 s; fail earlier with a clear error.
      timeout: Duration.seconds(15),
      tracing,
      environment: {
        MAIL_FROM: mailFrom,
        PUBLIC_BASE_URL: publicBaseUrl,
        BUCKET_NAME: this.evidenceBucket.bucketName,
        TOKEN_SECRET_ARN: tokenSecret.secretArn,
        ADMIN_TOKEN_SECRET_ARN: adminToken.secretArn,
      },
    });
    useTable(apiHandler, this.table);
    tokenSecret.grantRead(apiHandler);
    adminToken.grantRead(apiHandler);
    // The function signs upload URLs (PutObject) and reviewers' download links (GetObject); a presigned
    // URL carries its signer's rights, so nothing beyond the evidence prefix.
    apiHandler.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [this.evidenceBucket.arnForObjects(`${EVIDENCE_PREFIX}*`)] }),
    );
    Validations.of(apiHandler.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.evidenceBucket)}.Arn>/${EVIDENCE_PREFIX}*]`,
      reason: 'Upload keys are generated per submission under evidence/; the grant is limited to that prefix and to PutObject/GetObject for signing upload and download links.',
    });

    const s3Event = new HouseFunction(this, 'EvidenceEvents', {
      entry: entry('s3Event'),
      description: 'Records uploaded evidence against its occurrence',
      timeout: Duration.seconds(30),
      tracing,
      onFailure: this.failedInvocations,
      environment: { BUCKET_NAME: this.evidenceBucket.bucketName },
    });
    useTable(s3Event, this.table);
    s3Event.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.evidenceBucket.arnForObjects(`${EVIDENCE_PREFIX}*`)] }),
    );
    Validations.of(s3Event.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.evidenceBucket)}.Arn>/${EVIDENCE_PREFIX}*]`,
      reason: 'Reads the uploaded object named in the S3 event; keys are per submission under evidence/, so the grant is that prefix, read-only.',
    });
    this.evidenceBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(s3Event), { prefix: EVIDENCE_PREFIX });
    // The notification is configured by CDK's own singleton function, which only runs during deploys.
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's built-in BucketNotificationsHandler (runs only at deploy to configure the bucket's notifications) is created with this role; its code and role are not configurable.",
      });
    }

    const materialise = new HouseFunction(this, 'Materialise', {
      entry: entry('materialise'),
      description: 'Upserts the compiled plans into the table on every deploy and daily (rollover)',
      timeout: Duration.minutes(10),
      tracing,
      environment: { PLANS_FILE: 'plans.json' },
      // plans.json travels inside the function's bundle, next to index.mjs. (A host path: bundling is
      // local, with the esbuild of devDependencies, never in Docker.)
      afterBundling: (outputDir) => [`cp ${shellQuote(props.plans.file)} ${shellQuote(join(outputDir, 'plans.json'))}`],
    });
    useTable(materialise, this.table);

    for (const fn of [sweep, apiHandler, digest]) mailIdentity.grant(fn, 'ses:SendEmail', 'ses:SendRawEmail');
    this.functions = { sweep, api: apiHandler, s3Event, digest, materialise };

    // ── Triggers ─────────────────────────────────────────────────────────────────────────────
    // One daily schedule for every reminder: the table's attention index is the only source of truth
    // for what is due, so there is no per-reminder schedule to drift from it.
    // One role for both schedules, trusted only by EventBridge Scheduler acting for this account.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: 'EventBridge Scheduler: invokes the rollover, sweep and digest functions',
    });
    for (const fn of [materialise, sweep, digest]) {
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        reason: `Granted by grantInvoke: the ${fn.node.id} function and its versions/aliases, nothing else.`,
      });
    }
    new Schedule(this, 'DailyRollover', {
      description: 'fazhi rollover: this year and next materialised, 08:00 China Standard Time every day',
      schedule: ScheduleExpression.expression(DAILY_ROLLOVER_CRON, TimeZone.ASIA_SHANGHAI),
      target: new LambdaInvoke(materialise, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        role: schedulerRole,
        deadLetterQueue: this.failedInvocations,
        retryAttempts: 2,
      }),
    });
    new Schedule(this, 'DailySweep', {
      description: 'fazhi sweep, 09:00 China Standard Time every day',
      schedule: ScheduleExpression.expression(DAILY_SWEEP_CRON, TimeZone.ASIA_SHANGHAI),
      target: new LambdaInvoke(sweep, {
        // The sweep's clock is injected: it runs "as of" the scheduled time, even when retried later.
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        role: schedulerRole,
        deadLetterQueue: this.failedInvocations,
        retryAttempts: 2,
      }),
    });
    new Schedule(this, 'WeeklyDigest', {
      description: 'fazhi weekly digest: checked 09:30 China Standard Time daily, sent on the week\'s first working day',
      schedule: ScheduleExpression.expression(DAILY_DIGEST_CRON, TimeZone.ASIA_SHANGHAI),
      target: new LambdaInvoke(digest, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        role: schedulerRole,
        deadLetterQueue: this.failedInvocations,
        retryAttempts: 2,
      }),
    });

    // `$default` catches every method and path (including `/`); the api function routes internally.
    const defaultRoute = new HttpRoute(this, 'ApiDefaultRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('ApiIntegration', apiHandler),
    });
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Callers are office staff following e-mailed links: the api function checks the HMAC-signed link token or the board\'s bearer token itself.',
    });

    // Materialise on deploy: the property changes whenever the compiled plans change, so CloudFormation
    // sends an Update and the function upserts the new plan; an unchanged calendar is not re-run.
    const providerLogs = new LogGroup(this, 'MaterialiseProviderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // Own role for the framework function, for the same reason as the house functions: no managed
    // policy that may write to every log group.
    const providerRole = new Role(this, 'MaterialiseProviderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Custom resource framework: invokes the materialise function',
    });
    providerLogs.grantWrite(providerRole);
    Validations.of(providerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(materialise)}.Arn>:*]`,
      reason: 'Granted by the Provider framework: invoke the materialise function and its versions/aliases, nothing else.',
    });
    const materialiseProvider = new Provider(this, 'MaterialiseProvider', {
      onEventHandler: materialise,
      logGroup: providerLogs,
      frameworkOnEventRole: providerRole,
    });
    new CustomResource(this, 'MaterialisePlans', {
      serviceToken: materialiseProvider.serviceToken,
      resourceType: 'Custom::FazhiMaterialise',
      properties: { PlansHash: props.plans.hash },
    });

    // ── Alarms ───────────────────────────────────────────────────────────────────────────────
    const alarmOn = (id: string, metric: IMetric, description: string) => {
      const alarm = new Alarm(this, id, {
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
      return alarm;
    };
    for (const [name, fn] of Object.entries(this.functions)) {
      alarmOn(`${fn.node.id}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `The ${name} function failed at least once.`);
    }
    alarmOn(
      'FailedInvocationsVisible',
      this.failedInvocations.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'An asynchronous invocation failed after its retries; the event is waiting in the dead-letter queue.',
    );

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.evidenceBucket.bucketName });
  }
}

function listContext(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const cleaned = list.map((item) => item.trim()).filter((item) => item.length > 0);
  return cleaned.length > 0 ? cleaned : undefined;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
