/**
 * The fazhi stack: one table, one evidence bucket, seven functions, the schedules that drive them, and the
 * alarms that say when they fail. The README's "How it works" shows the flow, "Observe it" the alarms.
 */

import { join } from 'node:path';
import { Annotations, ArnFormat, CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Token, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule as EventsSchedule } from 'aws-cdk-lib/aws-events';
import { AnyPrincipal, Effect, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CloudWatchDimensionSource, ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { METRIC, METRICS_DIMENSION, METRICS_NAMESPACE, type MetricName } from '../functions/adapters/metrics.js';
import { ROBOT_SECRET_PREFIX } from '../functions/adapters/robots/robot-secret-prefix.js';
import { TABLE_INDEXES, TABLE_KEYS } from '../functions/adapters/table-design.js';
import { isEmail } from '../functions/core/access/model.js';
import type { PlansAsset } from './compiled-plans.js';
import { HANDLERS_DIR, HouseFunction, logicalIdOf, MIN_LOG_RETENTION, type TableAccess, useTable } from './house-function.js';

/** The handler file of each function, relative to the handlers directory. */
export const HANDLER_FILES = {
  /** The scheduled sweep: one order per calendar onto the sweep queue. */
  sweep: 'sweep-dispatch.ts',
  /** The sweep's worker: one calendar per message. */
  sweepCalendar: 'sweep-calendar.ts',
  api: 'api.ts',
  s3Event: 's3-event.ts',
  digest: 'digest.ts',
  materialise: 'materialise.ts',
  bounces: 'bounces.ts',
  reconcile: 'reconcile.ts',
} as const;
export type FunctionName = keyof typeof HANDLER_FILES;
/** Every function of the stack, by name. */
export const FUNCTION_NAMES = Object.keys(HANDLER_FILES) as FunctionName[];

/** Uploaded evidence lives under this prefix; only objects here trigger the s3-event function. */
export const EVIDENCE_PREFIX = 'evidence/';

export const DAILY_SWEEP_CRON = 'cron(0 9 * * ? *)';
/** How long one calendar's sweep may take (a worker invocation). tests/infra/fan-out.test.ts holds the busiest modelled calendar to it. */
export const SWEEP_WORKER_TIMEOUT = Duration.minutes(5);
/** Sweep workers at once: the event source's maximum concurrency (the bench's wall-time model uses it). */
export const SWEEP_WORKERS = 10;
/** Times a calendar's order is offered to a worker before it goes to the dead-letter queue. */
export const SWEEP_RECEIVES = 3;
/** An order older than this means the workers are not keeping up (or not running). */
export const SWEEP_BACKLOG_ALARM = Duration.hours(1);
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
/** The evidence reconciliation runs every day at 07:00, when nobody uploads; its alarm is read in the morning. */
export const DAILY_RECONCILE_CRON = 'cron(0 7 * * ? *)';

/**
 * What each function does to the table, read from the use cases its handler calls and the store adapters
 * (functions/adapters/dynamo/*.ts): which actions, and which indexes it queries (GSI1 attention and
 * outbox, GSI2 office, GSI3 calendar & year). A Query without an index is on the table's own keys
 * (calendars, an occurrence's submissions).
 */
export const TABLE_ACCESS: Record<FunctionName, TableAccess> = {
  // calendars.list: nothing else.
  sweep: { actions: ['dynamodb:Query'], indexes: [] },
  // calendars.get; dueForAction, unsent (GSI1); get/getMany; update; outbox.commit (Put + Update); claim/markSent/release.
  sweepCalendar: { actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], indexes: ['GSI1'] },
  // ofCalendarYear, recordedBetween (GSI3); calendars.list; outbox.get/commit; setLastDigestAt; claim/markSent/release.
  digest: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], indexes: ['GSI3'] },
  // office view (GSI2), board (GSI3), submissions of an occurrence; upload intents and links (Put, Update); review (Update, Put); delivery.
  api: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], indexes: ['GSI2', 'GSI3'] },
  // getIntent, occurrences.get, calendars.get; recordFile (Put + Update, then Update).
  s3Event: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], indexes: [] },
  // rollover: calendars get/put/list, ofCalendarYear (GSI3), create, update, carryOver (Put + Update), submissions of an occurrence.
  materialise: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], indexes: ['GSI3'] },
  // calendars.list, markBounce.
  bounces: { actions: ['dynamodb:Query', 'dynamodb:UpdateItem'], indexes: [] },
  // calendars.list, recordedBetween (GSI3): read only.
  reconcile: { actions: ['dynamodb:Query'], indexes: ['GSI3'] },
};

/** Requests per second (steady, burst) per route; the stage default covers the pages and the office's reads. */
export const API_THROTTLE = {
  default: { rateLimit: 20, burstLimit: 50 },
  /** Each call signs up to ten upload URLs and writes an intent: a leaked link must not mint thousands. */
  'POST /api/uploads': { rateLimit: 5, burstLimit: 10 },
  'ANY /api/admin/{proxy+}': { rateLimit: 5, burstLimit: 10 },
  /** Each starts a whole run (one at a time anyway: reserved concurrency 1). */
  'POST /api/admin/sweep': { rateLimit: 1, burstLimit: 1 },
  'POST /api/admin/digest': { rateLimit: 1, burstLimit: 1 },
  /** Each may send a sign-in mail: besides the per-address and per-source limits, a ceiling for all. */
  'POST /api/signin': { rateLimit: 2, burstLimit: 5 },
} as const;

/** SES's review thresholds (a rate above these puts the account under review, then pauses it). */
export const SES_BOUNCE_RATE_LIMIT = 0.05;
export const SES_COMPLAINT_RATE_LIMIT = 0.001;
/** A function whose slowest run in five minutes took this share of its timeout is close to being killed. */
export const DURATION_ALARM_SHARE = 0.8;

export interface FazhiStackProps extends StackProps {
  /** plans.json compiled at synth time (see compiled-plans.ts). */
  readonly plans: PlansAsset;
  /** Where the handler files are. @default functions/handlers */
  readonly handlersDir?: string;
}

/** A deploy that would leave its alarms with nobody to tell. */
export class AlarmDestinationError extends Error {
  override readonly name = 'AlarmDestinationError';
}

/** A context value the stack cannot honour (a retention below the legal minimum, a CORS wildcard…). */
export class StackContextError extends Error {
  override readonly name = 'StackContextError';
}

/**
 * Context keys (cdk.json or `-c key=value`):
 * - `region`                (fazhi-app.ts) the region; required for a real synth or deploy.
 * - `mailDomain`            sender domain, verified as an SES identity; mail comes from fazhi@<domain>. Default example.gov.cn.
 * - `alarmEmail`            address(es, comma list) subscribed to the alarm topic. Required unless `allowNoAlarms=true`.
 * - `allowNoAlarms`         'true' to synth without an alarm destination (tests, local synth).
 * - `allowedOrigins`        origins allowed to PUT evidence from a browser (array or comma list). Default: the API's own origin.
 * - `logRetentionDays`      days the function and API access logs are kept (a CloudWatch retention value, at least 180). Default 180.
 * - `evidenceRetentionYears` S3 Object Lock (governance) default retention of evidence. Default 10.
 * - `backupRetentionDays`   days AWS Backup keeps the daily recovery points of the table and the bucket. Default 35.
 * - `backupCopyVaultArn`    a backup vault in another region (or account) that each recovery point is copied to. Default none.
 * - `tracing`               'true' for active X-Ray tracing on every function. Default false.
 * - `partition`             'aws' (default) or 'aws-cn' (cn-north-1, cn-northwest-1): must match the region.
 * - `mailTransport`         'ses' (default) or 'smtp' (the URL in the secret SmtpUrl); the China partition has no SES: 'smtp' there.
 * - `adminEmail`, `adminName` the first admin account, created on deploy while the table has none. Default none
 *                           (then `fazhi accounts add` with the deployer's AWS credentials makes the first).
 */
export class FazhiStack extends Stack {
  readonly table: Table;
  readonly evidenceBucket: Bucket;
  /** Every function; `bounces` only where mail goes through SES (it reads SES's notifications). */
  readonly functions: Record<Exclude<FunctionName, 'bounces'>, HouseFunction> & { bounces?: HouseFunction };
  readonly failedInvocations: Queue;
  /** One order per calendar for the sweep workers, and where an order goes after its last try. */
  readonly sweepQueue: Queue;
  readonly sweepDeadLetters: Queue;
  readonly alarmTopic: Topic;
  /** SES's bounce and complaint notifications (absent with `mailTransport=smtp`). */
  readonly mailEvents: Topic | undefined;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly apiAccessLogs: LogGroup;
  readonly configurationSet: ConfigurationSet | undefined;
  /** The secret holding the SMTP URL (only with `mailTransport=smtp`). */
  readonly smtpUrl: Secret | undefined;
  readonly schedulerRole: Role;
  readonly backupPlan: BackupPlan;
  /** Every alarm, by construct id. */
  readonly alarms: Record<string, Alarm> = {};

  constructor(scope: Construct, id: string, props: FazhiStackProps) {
    super(scope, id, props);
    const context = (key: string): unknown => this.node.tryGetContext(key);
    const mailDomain = String(context('mailDomain') ?? 'example.gov.cn');
    const alarmEmails = listContext(context('alarmEmail')) ?? [];
    const allowNoAlarms = String(context('allowNoAlarms') ?? 'false') === 'true';
    if (alarmEmails.length === 0 && !allowNoAlarms) {
      const message =
        'fazhi needs somewhere to send its alarms: pass -c alarmEmail=ops@example.gov.cn (a comma list for several), ' +
        'or -c allowNoAlarms=true for a synth that is not deployed (a deploy without it would fail silently: no sweep, no mail, nobody told).';
      // Why only with an account: a deploy always has credentials (the CLI then sets the account); a synth
      // without any (offline, to read the template) cannot deploy, so it is told, not stopped.
      if (!Token.isUnresolved(this.account) || context('allowNoAlarms') !== undefined) throw new AlarmDestinationError(message);
      Annotations.of(this).addWarningV2('fazhi:no-alarm-destination', message);
    }
    const mailTransport = mailTransportOf(String(context('partition') ?? 'aws'), String(context('mailTransport') ?? 'ses'), this.region);
    const tracing = String(context('tracing') ?? 'false') === 'true';
    const logRetention = logRetentionOf(context('logRetentionDays'));
    const evidenceYears = positiveNumber(context('evidenceRetentionYears'), 10, 'evidenceRetentionYears');
    const backupDays = positiveNumber(context('backupRetentionDays'), 35, 'backupRetentionDays');
    const backupCopyVaultArn = context('backupCopyVaultArn') as string | undefined;
    const adminEmail = context('adminEmail') === undefined ? undefined : String(context('adminEmail')).trim().toLowerCase();
    const adminName = String(context('adminName') ?? '管理员');
    if (adminEmail !== undefined && !isEmail(adminEmail)) throw new StackContextError(`adminEmail "${adminEmail}" is not an e-mail address`);
    const handlersDir = props.handlersDir ?? HANDLERS_DIR;
    const entry = (name: FunctionName) => join(handlersDir, HANDLER_FILES[name]);
    const service = this.stackName;

    // ── State: the table and the evidence bucket are kept when the stack is deleted ──────────────
    // No TTL attribute: nothing in the table expires (the README promises submissions and evidence
    // records are kept), and a TTL on a name like `expiresAt` could one day delete records silently.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
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

    // ── HTTP API (created first: the bucket's CORS and the links name its origin) ───────────────
    this.api = new HttpApi(this, 'Api', { description: 'fazhi: upload pages, evidence presigning, board', createDefaultStage: false });
    this.apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.apiStage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(this.apiAccessLogs), format: API_ACCESS_LOG_FORMAT },
      // The links are public; throttling caps what a leaked link or a crawler can cost (per route below).
      throttle: API_THROTTLE.default,
    });
    const publicBaseUrl = this.api.apiEndpoint;
    const allowedOrigins = listContext(context('allowedOrigins')) ?? [this.api.apiEndpoint];
    if (allowedOrigins.some((origin) => origin.includes('*'))) {
      throw new StackContextError(`allowedOrigins must name origins (https://host), not a wildcard: ${allowedOrigins.join(', ')}`);
    }

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      // Kept at least as long as the other logs.
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(Math.max(365, logRetention)) }],
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
      // Tamper-evident: every version is kept (governance mode: only a principal allowed to bypass
      // governance retention can delete one early, and that is logged) for the retention period.
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(Math.ceil(evidenceYears * 365.25))),
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence-bucket/',
      // Browsers PUT evidence straight to S3 with a presigned URL from the api function; only the pages' origin may.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins,
          allowedHeaders: ['content-type', 'if-none-match', 'x-amz-checksum-sha256', 'x-amz-meta-*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      // Evidence is never deleted, but an abandoned upload should not be billed forever.
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });
    // No overwrite, whoever signs: a PUT under evidence/ without If-None-Match is refused by the bucket
    // itself, so even a URL signed without the header (or any other writer) cannot replace evidence.
    this.evidenceBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EvidenceIsWrittenOnce',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.evidenceBucket.arnForObjects(`${EVIDENCE_PREFIX}*`)],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );

    // ── Mail: SES (an identity, and a configuration set that reports what SES could not deliver), or SMTP ──
    const mailFrom = `fazhi@${mailDomain}`;
    const ses = mailTransport === 'ses' ? this.sesMail(mailDomain, service) : undefined;
    this.configurationSet = ses?.configurationSet;
    this.mailEvents = ses?.mailEvents;
    // The SMTP URL (smtps://user:password@host:465) is put into this secret after the first deploy; it is never in a file.
    this.smtpUrl = ses
      ? undefined
      : new Secret(this, 'SmtpUrl', {
          description: 'SMTP URL of the mail relay, with its credentials: smtps://user:password@host:465 or smtp://user:password@host:587 (STARTTLS)',
          removalPolicy: RemovalPolicy.RETAIN,
        });
    if (this.smtpUrl) {
      Validations.of(this.smtpUrl).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: "The SMTP password is issued by the bureau's mail relay or provider; it is rotated there, then put here by hand (the functions re-read it within five minutes).",
      });
    }
    const mailEnv = {
      MAIL_FROM: mailFrom,
      PUBLIC_BASE_URL: publicBaseUrl,
      ...(ses ? { SES_CONFIGURATION_SET: ses.configurationSet.configurationSetName } : { MAIL_TRANSPORT: 'smtp', SMTP_SECRET_ARN: this.smtpUrl!.secretArn }),
    };

    // ── Secrets: kept on destroy, so a redeploy does not invalidate every link already mailed ────
    const tokenSecret = new Secret(this, 'TokenSecret', {
      description: 'HMAC key of the upload links in reminder e-mails (TOKEN_SECRET)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(tokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the link-signing key would invalidate every upload link already e-mailed; it is rotated by hand between reminder rounds.',
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
    for (const email of alarmEmails) this.alarmTopic.addSubscription(new EmailSubscription(email));

    // ── Functions: each gets exactly what it uses ─────────────────────────────────────────────
    const house = (id: string, name: FunctionName, props: Omit<ConstructorParameters<typeof HouseFunction>[2], 'entry' | 'tracing' | 'logRetention'>) => {
      const fn = new HouseFunction(this, id, { entry: entry(name), tracing, logRetention, ...props, environment: { METRICS_SERVICE: service, ...props.environment } });
      useTable(fn, this.table, TABLE_ACCESS[name]);
      return fn;
    };
    const readSecret = (fn: HouseFunction, ...secrets: Secret[]) => fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: secrets.map((s) => s.secretArn) }));
    // SES: SendEmail only (SES v2 has no raw path here), as the stack's identity through its configuration set, from fazhi@ only.
    // SMTP: the secret with the relay's URL.
    const sendMail = (fn: HouseFunction) =>
      ses
        ? fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['ses:SendEmail'],
              resources: [ses.identityArn, ses.configurationSetArn],
              conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
            }),
          )
        : readSecret(fn, this.smtpUrl!);
    const evidenceObjects = this.evidenceBucket.arnForObjects(`${EVIDENCE_PREFIX}*`);
    // The functions that mail load nodemailer only when the transport is SMTP: shipped beside their bundle.
    const MAIL_PACKAGES = ['nodemailer'] as const;

    // The sweep fans out: the scheduled run queues one order per calendar, and a worker sweeps each
    // calendar within its own timeout. A calendar that keeps failing goes to the dead-letter queue
    // (which alarms) after SWEEP_RECEIVES tries and never holds up the others.
    const sweepDeadLetters = new Queue(this, 'SweepDeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    Validations.of(sweepDeadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the sweep queue.' });
    this.sweepQueue = new Queue(this, 'SweepQueue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Lambda's advice for an SQS source: at least six times the function's timeout, so a message is
      // never offered again while a worker may still be on it.
      visibilityTimeout: Duration.seconds(SWEEP_WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: sweepDeadLetters, maxReceiveCount: SWEEP_RECEIVES },
    });
    this.sweepDeadLetters = sweepDeadLetters;

    const sweep = house('Sweep', 'sweep', {
      description: 'Daily sweep: queues one order per calendar for the sweep workers',
      timeout: Duration.minutes(1),
      // One run at a time: a "sweep now" while the schedule's run goes on waits (Lambda retries it).
      reservedConcurrency: 1,
      onFailure: this.failedInvocations,
      environment: { SWEEP_QUEUE_URL: this.sweepQueue.queueUrl },
    });
    sweep.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.sweepQueue.queueArn] }));

    const sweepCalendar = house('SweepCalendar', 'sweepCalendar', {
      lazyPackages: MAIL_PACKAGES,
      description: "Sweep worker: one calendar's reminders, overdue flags, escalation and outbox",
      timeout: SWEEP_WORKER_TIMEOUT,
      environment: { ...mailEnv, TOKEN_SECRET_ARN: tokenSecret.secretArn },
    });
    readSecret(sweepCalendar, tokenSecret);
    sendMail(sweepCalendar);
    // The group robots' credentials, by the names the calendars give them (fazhi/robots/<name>, created by hand).
    const robotSecrets = this.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${ROBOT_SECRET_PREFIX}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    sweepCalendar.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [robotSecrets] }));
    Validations.of(sweepCalendar.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${this.partition}:secretsmanager:${this.region}:<AWS::AccountId>:secret:${ROBOT_SECRET_PREFIX}*]`,
      reason: 'Robot credentials are secrets an administrator creates under fazhi/robots/ and calendars name; the sweep worker reads only that prefix, read-only.',
    });
    // One calendar per invocation (each has the whole timeout), SWEEP_WORKERS at a time (SES's sending
    // rate and the account's concurrency are shared); a failed calendar is reported alone.
    sweepCalendar.addEventSource(new SqsEventSource(this.sweepQueue, { batchSize: 1, maxConcurrency: SWEEP_WORKERS, reportBatchItemFailures: true }));

    // The digest links to the board, not to the upload pages: it does not read the link key.
    const digest = house('Digest', 'digest', {
      lazyPackages: MAIL_PACKAGES,
      description: 'Weekly digest to the policy office',
      timeout: Duration.minutes(5),
      reservedConcurrency: 1,
      onFailure: this.failedInvocations,
      environment: mailEnv,
    });
    sendMail(digest);

    const apiHandler = house('ApiHandler', 'api', {
      lazyPackages: MAIL_PACKAGES,
      description: 'HTTP API: upload pages, presigned evidence uploads, policy office board',
      // HTTP APIs give up after 30 s; fail earlier with a clear error. Long runs are started, not awaited.
      timeout: Duration.seconds(15),
      environment: {
        ...mailEnv,
        BUCKET_NAME: this.evidenceBucket.bucketName,
        TOKEN_SECRET_ARN: tokenSecret.secretArn,
        SWEEP_FUNCTION_NAME: sweep.functionName,
        DIGEST_FUNCTION_NAME: digest.functionName,
      },
    });
    readSecret(apiHandler, tokenSecret);
    sendMail(apiHandler); // rejection notices
    // The function signs upload URLs (PutObject) and reviewers' download links of a recorded version
    // (GetObject, GetObjectVersion); a presigned URL carries its signer's rights, so nothing beyond evidence/.
    apiHandler.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [evidenceObjects] }));
    Validations.of(apiHandler.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.evidenceBucket)}.Arn>/${EVIDENCE_PREFIX}*]`,
      reason: 'Upload keys are generated per submission under evidence/; the grant is limited to that prefix, for signing upload links and version-pinned download links.',
    });
    // "Sweep now" and "digest now": asynchronous invocations of exactly those two functions.
    apiHandler.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [sweep.functionArn, digest.functionArn] }));

    const s3Event = house('EvidenceEvents', 's3Event', {
      description: 'Records uploaded evidence against its occurrence',
      timeout: Duration.seconds(30),
      onFailure: this.failedInvocations,
      environment: { BUCKET_NAME: this.evidenceBucket.bucketName },
    });
    s3Event.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [evidenceObjects] }));
    Validations.of(s3Event.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.evidenceBucket)}.Arn>/${EVIDENCE_PREFIX}*]`,
      reason: 'Reads the uploaded object (the version its event names); keys are per submission under evidence/, so the grant is that prefix, read-only.',
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

    const materialise = house('Materialise', 'materialise', {
      description: 'Upserts the compiled plans into the table on every deploy and daily (rollover)',
      timeout: Duration.minutes(10),
      // The first admin (deploy context adminEmail/adminName), created while the table has no account.
      environment: { PLANS_FILE: 'plans.json', ...(adminEmail ? { BOOTSTRAP_ADMIN_EMAIL: adminEmail, BOOTSTRAP_ADMIN_NAME: adminName } : {}) },
      // plans.json travels inside the function's bundle, next to index.mjs. (A host path: bundling is
      // local, with the esbuild of devDependencies, never in Docker.)
      afterBundling: (outputDir) => [`cp ${shellQuote(props.plans.file)} ${shellQuote(join(outputDir, 'plans.json'))}`],
    });

    const bounces = ses
      ? house('MailBounces', 'bounces', {
          description: 'Marks bounced and complaining addresses on their calendars (SES via SNS)',
          timeout: Duration.seconds(30),
          onFailure: this.failedInvocations,
        })
      : undefined;
    if (bounces) ses?.mailEvents.addSubscription(new LambdaSubscription(bounces));

    const reconcile = house('Reconcile', 'reconcile', {
      description: 'Daily: evidence objects without records, records without objects',
      timeout: Duration.minutes(5),
      onFailure: this.failedInvocations,
      environment: { BUCKET_NAME: this.evidenceBucket.bucketName },
    });
    reconcile.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.evidenceBucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${EVIDENCE_PREFIX}*`] } } }));

    this.functions = { sweep, sweepCalendar, api: apiHandler, s3Event, digest, materialise, ...(bounces ? { bounces } : {}), reconcile };

    // ── Triggers ─────────────────────────────────────────────────────────────────────────────
    // One daily schedule for every reminder: the table's attention index is the only source of truth
    // for what is due, so there is no per-reminder schedule to drift from it.
    // One role for the schedules, trusted only by EventBridge Scheduler acting for these very schedules
    // (their names are fixed, so the trust can name their ARNs without a dependency cycle).
    const schedules = {
      rollover: { id: 'DailyRollover', fn: materialise, cron: DAILY_ROLLOVER_CRON, description: 'fazhi rollover: this year and next materialised, 08:00 China Standard Time every day' },
      sweep: { id: 'DailySweep', fn: sweep, cron: DAILY_SWEEP_CRON, description: 'fazhi sweep, 09:00 China Standard Time every day' },
      digest: { id: 'WeeklyDigest', fn: digest, cron: DAILY_DIGEST_CRON, description: "fazhi weekly digest: checked 09:30 China Standard Time daily, sent on the week's first working day" },
      reconcile: { id: 'DailyReconcile', fn: reconcile, cron: DAILY_RECONCILE_CRON, description: 'fazhi evidence reconciliation, 07:00 China Standard Time every day' },
    } as const;
    const scheduleName = (key: string) => `${this.stackName}-${key}`;
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnEquals: { 'aws:SourceArn': Object.keys(schedules).map((key) => this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `default/${scheduleName(key)}` })) },
        },
      }),
      description: 'EventBridge Scheduler: invokes the rollover, sweep, digest and reconcile functions',
    });
    for (const [key, schedule] of Object.entries(schedules)) {
      Validations.of(this.schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(schedule.fn)}.Arn>:*]`,
        reason: `Granted by grantInvoke: the ${schedule.fn.node.id} function and its versions/aliases, nothing else.`,
      });
      new Schedule(this, schedule.id, {
        scheduleName: scheduleName(key),
        description: schedule.description,
        schedule: ScheduleExpression.expression(schedule.cron, TimeZone.ASIA_SHANGHAI),
        target: new LambdaInvoke(schedule.fn, {
          // The run's clock is injected: it runs "as of" the scheduled time, even when retried later.
          input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
          role: this.schedulerRole,
          deadLetterQueue: this.failedInvocations,
          retryAttempts: 2,
        }),
      });
    }

    // The API: `$default` catches every method and path (including `/`); the api function routes
    // internally. The admin and upload-request routes are declared too, only to be throttled apart.
    const integration = new HttpLambdaIntegration('ApiIntegration', apiHandler);
    const routes: [string, HttpRouteKey][] = [
      ['ApiDefaultRoute', HttpRouteKey.DEFAULT],
      ['ApiUploadsRoute', HttpRouteKey.with('/api/uploads', HttpMethod.POST)],
      ['ApiAdminRoute', HttpRouteKey.with('/api/admin/{proxy+}', HttpMethod.ANY)],
      ['ApiSweepRoute', HttpRouteKey.with('/api/admin/sweep', HttpMethod.POST)],
      ['ApiDigestRoute', HttpRouteKey.with('/api/admin/digest', HttpMethod.POST)],
      ['ApiSignInRoute', HttpRouteKey.with('/api/signin', HttpMethod.POST)],
    ];
    for (const [routeId, routeKey] of routes) {
      const route = new HttpRoute(this, routeId, { httpApi: this.api, routeKey, integration });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: "Callers are office staff following e-mailed links and the policy office's board: the api function checks the HMAC-signed link token or the board's bearer token itself.",
      });
    }
    // RouteSettings is raw CloudFormation (a map by route key): the property names are CloudFormation's.
    (this.apiStage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      Object.entries(API_THROTTLE)
        .filter(([key]) => key !== 'default')
        .map(([key, limit]) => [key, { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]),
    );

    // Materialise on deploy: the property changes whenever the compiled plans change, so CloudFormation
    // sends an Update and the function upserts the new plan; an unchanged calendar is not re-run.
    const providerLogs = new LogGroup(this, 'MaterialiseProviderLogs', { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
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
      // A new first admin runs it again too (it is created only while no account exists).
      properties: { PlansHash: props.plans.hash, ...(adminEmail ? { BootstrapAdmin: adminEmail } : {}) },
    });

    // ── Backups: the table and the evidence bucket, daily, optionally copied to another region ───
    const backupVault = new BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    this.backupPlan = new BackupPlan(this, 'Backups', { backupVault });
    this.backupPlan.addRule(
      new BackupPlanRule({
        ruleName: 'daily',
        scheduleExpression: EventsSchedule.cron({ hour: '3', minute: '0' }),
        scheduleExpressionTimezone: TimeZone.ASIA_SHANGHAI,
        deleteAfter: Duration.days(backupDays),
        ...(backupCopyVaultArn && {
          copyActions: [{ destinationBackupVault: BackupVault.fromBackupVaultArn(this, 'BackupCopyVault', backupCopyVaultArn), deleteAfter: Duration.days(backupDays) }],
        }),
      }),
    );
    // AWS Backup's own role: backing up and restoring S3 needs its S3 policies besides the general ones.
    const backupRole = new Role(this, 'BackupRole', { assumedBy: new ServicePrincipal('backup.amazonaws.com'), description: 'AWS Backup: the table and the evidence bucket' });
    const backupPolicies = [
      'service-role/AWSBackupServiceRolePolicyForBackup',
      'service-role/AWSBackupServiceRolePolicyForRestores',
      'AWSBackupServiceRolePolicyForS3Backup',
      'AWSBackupServiceRolePolicyForS3Restore',
    ];
    for (const path of backupPolicies) {
      backupRole.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(path));
      Validations.of(backupRole).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${path}]`,
        reason: 'AWS Backup documents these managed policies as the permissions its service role needs to back up and restore DynamoDB tables and S3 buckets.',
      });
    }
    this.backupPlan.addSelection('TableAndEvidence', {
      resources: [BackupResource.fromDynamoDbTable(this.table), BackupResource.fromArn(this.evidenceBucket.bucketArn)],
      role: backupRole,
    });

    // ── Alarms: each one reaches the topic (and whoever `alarmEmail` names) ─────────────────────
    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      options: Partial<{ threshold: number; comparison: ComparisonOperator; missing: TreatMissingData; evaluationPeriods: number; datapointsToAlarm: number }> = {},
    ) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: options.threshold ?? 0,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        ...(options.datapointsToAlarm !== undefined && { datapointsToAlarm: options.datapointsToAlarm }),
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(this.alarmTopic));
      this.alarms[alarmId] = created;
      return created;
    };
    const fazhiMetric = (name: MetricName, period = Duration.minutes(5)) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { [METRICS_DIMENSION]: service }, statistic: 'Sum', period });

    for (const [name, fn] of Object.entries(this.functions) as [string, HouseFunction][]) {
      const timeout = fn.timeout ?? Duration.seconds(30);
      alarm(`${fn.node.id}Errors`, `The ${name} function failed at least once.`, fn.metricErrors({ period: Duration.minutes(5) }));
      alarm(`${fn.node.id}Throttles`, `The ${name} function was throttled (concurrency exhausted).`, fn.metricThrottles({ period: Duration.minutes(5) }));
      alarm(
        `${fn.node.id}NearTimeout`,
        `A run of the ${name} function took more than ${DURATION_ALARM_SHARE * 100}% of its ${timeout.toSeconds()} s timeout: the next one may be killed.`,
        fn.metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' }),
        { threshold: Math.round(timeout.toMilliseconds() * DURATION_ALARM_SHARE) },
      );
    }
    alarm(
      'FailedInvocationsVisible',
      'An asynchronous invocation failed after its retries; the event is waiting in the dead-letter queue.',
      this.failedInvocations.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
    alarm(
      'SweepOrdersDeadLettered',
      "A calendar could not be swept after its retries: its order is in the sweep's dead-letter queue (see the worker's 'calendar sweep failed' log line).",
      sweepDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
    alarm(
      'SweepBacklog',
      `A sweep order has waited more than ${SWEEP_BACKLOG_ALARM.toHumanString()} for a worker: the day's reminders are late.`,
      this.sweepQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      { threshold: SWEEP_BACKLOG_ALARM.toSeconds() },
    );
    alarm('MailsFailed', "Mails the transport refused or could not take (sweep, digest): see the run's log line and the mails' `error`.", fazhiMetric(METRIC.mailsFailed));
    alarm('ItemErrors', 'The sweep could not process some occurrences: their `lastError` says why; they are retried tomorrow.', fazhiMetric(METRIC.itemErrors));
    alarm('EvidenceUnrecorded', 'Evidence objects no submission records (a lost storage event?): see the reconcile log line.', fazhiMetric(METRIC.evidenceUnrecorded));
    alarm('EvidenceMissing', 'Recorded evidence files with no object in the bucket: see the reconcile log line.', fazhiMetric(METRIC.evidenceMissing));
    // The heartbeat. Why 24 one-hour periods, all of which must breach, with missing data breaching: the
    // alarm fires when no sweep has completed in the last 24 hours, i.e. by about 10:00 (Shanghai) on a
    // day whose 09:00 sweep did not complete; a sweep that never runs emits nothing at all, which is
    // exactly what must page. It watches every day, not only working days: the sweep runs (and
    // completes) daily, resting on holidays, so a missed weekend run is the same broken schedule.
    // (24 × 1 h is CloudWatch's longest evaluation range; a 1-day period would be aligned to UTC midnight.)
    alarm('SweepHeartbeat', 'No sweep completed in the last 24 hours (due daily at 09:00 Asia/Shanghai): reminders are not going out.', fazhiMetric(METRIC.sweepCompleted, Duration.hours(1)), {
      threshold: 1,
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
      missing: TreatMissingData.BREACHING,
      evaluationPeriods: 24,
      datapointsToAlarm: 24,
    });
    alarm('Api5xx', 'The HTTP API answered with a server error (the api function failed, timed out, or was throttled).', this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }));
    alarm('SchedulerTargetErrors', 'EventBridge Scheduler could not invoke a function (the target answered with an error).', Schedule.metricAllErrors({ period: Duration.minutes(5) }));
    alarm('SchedulerDropped', 'EventBridge Scheduler dropped an invocation after its retries.', Schedule.metricAllDropped({ period: Duration.minutes(5) }));
    if (ses) this.sesAlarms(alarm, service);

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.evidenceBucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe further destinations (SMS, chat) here' });
  }

  /** SES's identity and configuration set (counts to CloudWatch, bounces and complaints to a topic). */
  private sesMail(mailDomain: string, service: string) {
    const mailIdentity = new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(mailDomain) });
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', { reputationMetrics: true });
    // Counts of sends, deliveries, bounces and complaints as AWS/SES metrics with this dimension (the rate alarms).
    configurationSet.addEventDestination('MailMetrics', {
      destination: EventDestination.cloudWatchDimensions([{ name: SES_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: service }]),
      events: [EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });
    // Each bounce and complaint, to the bounces function: it marks the address on the board.
    const mailEvents = new Topic(this, 'MailEvents', { displayName: 'fazhi bounces and complaints', enforceSSL: true });
    Validations.of(mailEvents).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'SES cannot publish to a topic encrypted with the AWS managed SNS key; the messages carry only the office addresses already in the committed calendars.',
    });
    configurationSet.addEventDestination('MailBounces', {
      destination: EventDestination.snsTopic(mailEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const configurationSetArn = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName });

    return { identityArn: mailIdentity.emailIdentityArn, configurationSet, configurationSetArn, mailEvents };
  }

  /** The bounce and complaint rates SES reviews an account on: the configuration set's and the account's. */
  private sesAlarms(alarm: (id: string, description: string, metric: IMetric, options?: { threshold?: number }) => Alarm, service: string): void {
    const sesCount = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { [SES_DIMENSION]: service }, statistic: 'Sum', period: Duration.days(1) });
    alarm(
      'MailBounceRate',
      `More than ${SES_BOUNCE_RATE_LIMIT * 100}% of a day's mails bounced (SES reviews the account at 5% and pauses it at 10%): the board shows which addresses.`,
      new MathExpression({ expression: 'IF(sends > 0, bounces / sends, 0)', usingMetrics: { sends: sesCount('Send'), bounces: sesCount('Bounce') }, period: Duration.days(1), label: 'bounce rate' }),
      { threshold: SES_BOUNCE_RATE_LIMIT },
    );
    alarm(
      'MailComplaintRate',
      `More than ${SES_COMPLAINT_RATE_LIMIT * 100}% of a day's mails were reported as spam (SES reviews the account at 0.1%).`,
      new MathExpression({
        expression: 'IF(sends > 0, complaints / sends, 0)',
        usingMetrics: { sends: sesCount('Send'), complaints: sesCount('Complaint') },
        period: Duration.days(1),
        label: 'complaint rate',
      }),
      { threshold: SES_COMPLAINT_RATE_LIMIT },
    );
    // The account's own reputation, as SES measures it (what it pauses sending on), over all its senders.
    alarm(
      'SesAccountBounceRate',
      "The SES account's bounce rate (its reputation metric) is above 5%.",
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      { threshold: SES_BOUNCE_RATE_LIMIT },
    );
    alarm(
      'SesAccountComplaintRate',
      "The SES account's complaint rate (its reputation metric) is above 0.1%.",
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
      { threshold: SES_COMPLAINT_RATE_LIMIT },
    );
  }
}

/**
 * The mail transport, checked against the partition: the AWS China partition (cn-north-1, cn-northwest-1)
 * has no SES at all (no endpoint, no CloudFormation types), so mail goes through SMTP there.
 */
export function mailTransportOf(partition: string, transport: string, region: string): 'ses' | 'smtp' {
  if (partition !== 'aws' && partition !== 'aws-cn') throw new StackContextError(`partition must be aws or aws-cn, not "${partition}"`);
  if (transport !== 'ses' && transport !== 'smtp') throw new StackContextError(`mailTransport must be ses or smtp, not "${transport}"`);
  const chinaRegion = region.startsWith('cn-');
  if ((partition === 'aws-cn') !== chinaRegion) {
    throw new StackContextError(`region ${region} is ${chinaRegion ? 'in' : 'not in'} the AWS China partition: pass -c partition=${chinaRegion ? 'aws-cn' : 'aws'}`);
  }
  if (partition === 'aws-cn' && transport === 'ses')
    throw new StackContextError('SES does not exist in the AWS China partition: pass -c mailTransport=smtp (and put the SMTP URL into the SmtpUrl secret after deploying)');
  return transport;
}

/** The CloudWatch dimension SES puts on the configuration set's counts. */
export const SES_DIMENSION = 'fazhi';

/**
 * The API's access log: one JSON line per request with its route, status, latency and integration
 * error. The query string is not logged: upload links carry their token there.
 */
export const API_ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

function listContext(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const cleaned = list.map((item) => item.trim()).filter((item) => item.length > 0);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** The log retention asked for: a CloudWatch retention value of at least 180 days. */
function logRetentionOf(value: unknown): RetentionDays {
  if (value === undefined || value === null) return MIN_LOG_RETENTION;
  const days = Number(value);
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days) || days < MIN_LOG_RETENTION) {
    throw new StackContextError(
      `logRetentionDays ${String(value)} must be one of CloudWatch's retention values of at least ${MIN_LOG_RETENTION} days: ${allowed.filter((d) => d >= MIN_LOG_RETENTION).join(', ')}`,
    );
  }
  return days as RetentionDays;
}

function positiveNumber(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new StackContextError(`${name} must be a positive number (got ${String(value)})`);
  return number;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
