/**
 * What must never regress in the stack: state is protected and kept (no TTL, Object Lock, backups),
 * every function is the house function with its logs kept, triggers fire at the planned times, the API
 * is throttled per route and logs JSON, failures are caught, and a real synth makes its decisions.
 */
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_INDEXES, TABLE_KEYS } from '../../functions/adapters/table-design.js';
import { buildApp, DEFAULT_REGION, RegionNotChosenError, stackRegion } from '../../infra/fazhi-app.js';
import {
  AlarmDestinationError,
  API_THROTTLE,
  DAILY_DIGEST_CRON,
  DAILY_RECONCILE_CRON,
  DAILY_ROLLOVER_CRON,
  DAILY_SWEEP_CRON,
  EVIDENCE_PREFIX,
  FUNCTION_NAMES as FUNCTIONS,
  type FunctionName,
  StackContextError,
} from '../../infra/fazhi-stack.js';
import { cdkJsonContext, emptyPlans, functionId, logicalId, removeTempDirs, render, STUB_HANDLERS_DIR, type Synthesised, synthesise, tempDir } from './support.js';

const ASYNC_FUNCTIONS: FunctionName[] = ['sweep', 'digest', 's3Event', 'bounces', 'reconcile'];

let s: Synthesised;
beforeAll(() => {
  s = synthesise();
  // The first synth loads most of aws-cdk-lib: do it under the hook's longer timeout.
  void s.template;
});
afterAll(removeTempDirs);

const resources = (t: Synthesised = s) => t.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
const fnProps = (name: FunctionName, t: Synthesised = s) => resources(t)[functionId(t.stack, name)]!.Properties;

describe('table', () => {
  it('is kept, recoverable and protected from deletion, and has no TTL (nothing in it may expire)', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
      }),
    });
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const table = resources()[logicalId(s.stack.table)]!.Properties;
    expect(table).not.toHaveProperty('TimeToLiveSpecification');
  });

  it('has the keys and the three GSIs of table-design.ts, projecting all attributes', () => {
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
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
    });
  });
});

describe('evidence bucket', () => {
  const bucketId = () => logicalId(s.stack.evidenceBucket);
  const bucket = (t: Synthesised = s) => resources(t)[logicalId(t.stack.evidenceBucket)]!;

  it('blocks public access, is versioned, encrypted, retained and logged', () => {
    s.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      }),
    });
    expect(bucket().Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket().DeletionPolicy).toBe('Retain');
  });

  it('locks every object version with S3 Object Lock in governance mode, ten years by default, configurable', () => {
    expect(bucket().Properties.ObjectLockEnabled).toBe(true);
    expect(bucket().Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3653 } } });
    const seven = synthesise({ context: { evidenceRetentionYears: '7' } });
    expect(bucket(seven).Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'GOVERNANCE', Days: 2557 });
    expect(() => synthesise({ context: { evidenceRetentionYears: 'forever' } }).template).toThrow(StackContextError);
  });

  it('refuses any PUT under evidence/ without If-None-Match, whoever signed it: evidence cannot be overwritten', () => {
    const policy = Object.values(resources()).find((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === bucketId())!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual({
      Sid: 'EvidenceIsWrittenOnce',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${EVIDENCE_PREFIX}*`]] },
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
  });

  it('every bucket blocks public access and refuses plain HTTP', () => {
    const buckets = s.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const b of Object.values(buckets)) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    }
    const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy'));
    for (const id of Object.keys(buckets)) {
      const policy = policies.find((p) => p.Properties.Bucket.Ref === id);
      expect(policy, `bucket policy of ${id}`).toBeDefined();
      expect(policy!.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it("lets browsers PUT only from the API's own origin by default, or the origins configured; never a wildcard", () => {
    const cors = (t: Synthesised) => bucket(t).Properties.CorsConfiguration.CorsRules;
    expect(cors(s)).toEqual([
      expect.objectContaining({
        AllowedMethods: ['PUT'],
        AllowedOrigins: [{ 'Fn::GetAtt': [logicalId(s.stack.api), 'ApiEndpoint'] }],
        AllowedHeaders: ['content-type', 'if-none-match', 'x-amz-checksum-sha256', 'x-amz-meta-*'],
      }),
    ]);
    const configured = synthesise({ context: { allowedOrigins: 'https://fazhi.example.gov.cn, https://b.example' } });
    expect(cors(configured)).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: ['https://fazhi.example.gov.cn', 'https://b.example'] })]);
    expect(() => synthesise({ context: { allowedOrigins: '*' } }).template).toThrow(StackContextError);
    expect(cdkJsonContext()).not.toHaveProperty('allowedOrigins');
  });

  it('notifies the s3-event function of new objects under evidence/ only', () => {
    s.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: EVIDENCE_PREFIX }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [functionId(s.stack, 's3Event'), 'Arn'] },
          },
        ],
      },
    });
  });
});

describe('backups', () => {
  it('back up the table and the evidence bucket daily with AWS Backup, into a retained vault', () => {
    const plan = Object.values(resources()).find((r) => r.Type === 'AWS::Backup::BackupPlan')!.Properties.BackupPlan;
    expect(plan.BackupPlanRule).toEqual([
      expect.objectContaining({ RuleName: 'daily', ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai', Lifecycle: { DeleteAfterDays: 35 } }),
    ]);
    expect(plan.BackupPlanRule[0]).not.toHaveProperty('CopyActions');
    const selection = Object.values(resources()).find((r) => r.Type === 'AWS::Backup::BackupSelection')!.Properties.BackupSelection;
    expect(selection.Resources).toEqual([{ 'Fn::GetAtt': [logicalId(s.stack.table), 'Arn'] }, { 'Fn::GetAtt': [logicalId(s.stack.evidenceBucket), 'Arn'] }]);
    const role = resources()[selection.IamRoleArn['Fn::GetAtt'][0]]!.Properties;
    expect(role.ManagedPolicyArns.map(render).sort()).toEqual([
      'arn:${AWS::Partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
      'arn:${AWS::Partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
      'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    s.template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
  });

  it('copy each recovery point to a vault in another region when one is given, and keep them as long as asked', () => {
    const vault = 'arn:aws:backup:ap-northeast-1:111122223333:backup-vault:fazhi-copy';
    const copied = synthesise({ context: { backupCopyVaultArn: vault, backupRetentionDays: '90' } });
    const plan = Object.values(resources(copied)).find((r) => r.Type === 'AWS::Backup::BackupPlan')!.Properties.BackupPlan;
    expect(plan.BackupPlanRule[0]).toMatchObject({ Lifecycle: { DeleteAfterDays: 90 }, CopyActions: [{ DestinationBackupVaultArn: vault, Lifecycle: { DeleteAfterDays: 90 } }] });
  });
});

describe('functions', () => {
  it('every house function is nodejs22.x on arm64 with 512 MB, ESM bundle, source maps', () => {
    for (const name of FUNCTIONS) {
      const fn = fnProps(name);
      expect(fn.Runtime, name).toBe('nodejs22.x');
      expect(fn.Architectures, name).toEqual(['arm64']);
      expect(fn.MemorySize, name).toBe(512);
      expect(fn.Handler, name).toBe('index.handler');
      expect(fn.Timeout, name).toBeLessThanOrEqual(900);
      expect(fn.Environment.Variables.NODE_OPTIONS, name).toBe('--enable-source-maps');
    }
  });

  it('every function logs to its own group, kept 180 days and retained when the stack is deleted; the period is configurable, never below 180', () => {
    const groups = (t: Synthesised) => FUNCTIONS.map((name) => resources(t)[fnProps(name, t).LoggingConfig.LogGroup.Ref]!);
    for (const group of groups(s)) {
      expect(group).toMatchObject({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { RetentionInDays: 180 } });
    }
    // Every log group of the stack (the API's access log and the custom resource's too).
    for (const [id, group] of Object.entries(resources()).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays, id).toBeGreaterThanOrEqual(180);
      expect(group.DeletionPolicy, id).toBe('Retain');
    }
    const year = synthesise({ context: { logRetentionDays: '365' } });
    for (const group of groups(year)) expect(group.Properties.RetentionInDays).toBe(365);
    expect(resources(year)[logicalId(year.stack.apiAccessLogs)]!.Properties.RetentionInDays).toBe(365);
    expect(() => synthesise({ context: { logRetentionDays: '90' } }).template).toThrow(StackContextError);
    expect(() => synthesise({ context: { logRetentionDays: '200' } }).template).toThrow(/one of CloudWatch's retention values of at least 180 days/);
  });

  it('runs the sweep and the digest one at a time (reserved concurrency 1); the others are not capped', () => {
    expect(fnProps('sweep').ReservedConcurrentExecutions).toBe(1);
    expect(fnProps('digest').ReservedConcurrentExecutions).toBe(1);
    for (const name of FUNCTIONS.filter((n) => n !== 'sweep' && n !== 'digest')) expect(fnProps(name).ReservedConcurrentExecutions, name).toBeUndefined();
  });

  it('no Lambda in the stack runs Node.js older than 22', () => {
    for (const [id, fn] of Object.entries(s.template.findResources('AWS::Lambda::Function'))) {
      const match = /^nodejs(\d+)/.exec(String(fn.Properties.Runtime));
      if (match) expect(Number(match[1]), id).toBeGreaterThanOrEqual(22);
    }
  });

  it('gives every function TABLE_NAME and its metrics dimension, and each the variables its handler reads (the digest no link key)', () => {
    const env = (name: FunctionName) => fnProps(name).Environment.Variables;
    const tableRef = { Ref: logicalId(s.stack.table) };
    for (const name of FUNCTIONS) {
      expect(env(name).TABLE_NAME, name).toEqual(tableRef);
      expect(env(name).METRICS_SERVICE, name).toBe('Fazhi');
    }
    for (const name of ['sweepCalendar', 'digest', 'api'] as const) {
      expect(env(name).PUBLIC_BASE_URL, name).toEqual({ 'Fn::GetAtt': [logicalId(s.stack.api), 'ApiEndpoint'] });
      expect(env(name).MAIL_FROM, name).toBe('fazhi@example.gov.cn');
      expect(env(name).SES_CONFIGURATION_SET, name).toEqual({ Ref: logicalId(s.stack.configurationSet!) });
    }
    for (const name of ['sweepCalendar', 'api'] as const) expect(env(name).TOKEN_SECRET_ARN, name).toBeDefined();
    expect(env('sweep').SWEEP_QUEUE_URL).toEqual({ Ref: logicalId(s.stack.sweepQueue) });
    expect(env('sweep').MAIL_FROM).toBeUndefined();
    expect(env('digest').TOKEN_SECRET_ARN).toBeUndefined();
    expect(env('api').SWEEP_FUNCTION_NAME).toEqual({ Ref: functionId(s.stack, 'sweep') });
    expect(env('api').DIGEST_FUNCTION_NAME).toEqual({ Ref: functionId(s.stack, 'digest') });
    for (const name of ['api', 's3Event', 'reconcile'] as const) expect(env(name).BUCKET_NAME, name).toEqual({ Ref: logicalId(s.stack.evidenceBucket) });
    expect(env('materialise').PLANS_FILE).toBe('plans.json');
    // The shared admin token is gone: accounts replace it.
    for (const name of FUNCTIONS) expect(env(name).ADMIN_TOKEN_SECRET_ARN, name).toBeUndefined();
    // One secret is left: the link key.
    expect(Object.keys(s.template.findResources('AWS::SecretsManager::Secret'))).toHaveLength(1);
    expect(env('materialise').BOOTSTRAP_ADMIN_EMAIL).toBeUndefined();
  });

  it('bootstraps the first admin from the deploy context adminEmail (and refuses one that is not an address)', () => {
    const withAdmin = synthesise({ context: { adminEmail: 'Fazhi-Admin@kjj.example.gov.cn', adminName: '王处长' } });
    const resources = withAdmin.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
    const materialise = resources[functionId(withAdmin.stack, 'materialise')]!.Properties.Environment.Variables;
    expect(materialise).toMatchObject({ BOOTSTRAP_ADMIN_EMAIL: 'fazhi-admin@kjj.example.gov.cn', BOOTSTRAP_ADMIN_NAME: '王处长' });
    const custom = Object.values(resources).find((r) => r.Type === 'Custom::FazhiMaterialise')!;
    expect(custom.Properties.BootstrapAdmin).toBe('fazhi-admin@kjj.example.gov.cn');
    expect(() => synthesise({ context: { adminEmail: 'not an address' } })).toThrow(/adminEmail "not an address" is not an e-mail address/);
  });

  it('takes the mail domain from context', () => {
    const other = synthesise({ context: { mailDomain: 'kjj.example.gov.cn' } });
    other.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'kjj.example.gov.cn' });
    expect(fnProps('sweepCalendar', other).Environment.Variables.MAIL_FROM).toBe('fazhi@kjj.example.gov.cn');
  });

  it('keeps the link key when the stack is deleted: a redeploy must not invalidate the links already mailed', () => {
    const secrets = Object.values(resources()).filter((r) => r.Type === 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    for (const secret of secrets) expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('mail events', () => {
  it('sends through a configuration set whose events go to CloudWatch (counts) and, for bounces and complaints, to the bounces function', () => {
    const destinations = Object.values(resources())
      .filter((r) => r.Type === 'AWS::SES::ConfigurationSetEventDestination')
      .map((r) => r.Properties.EventDestination);
    const metrics = destinations.find((d) => d.CloudWatchDestination)!;
    expect(metrics).toMatchObject({ Enabled: true, MatchingEventTypes: expect.arrayContaining(['send', 'delivery', 'bounce', 'complaint']) });
    expect(metrics.CloudWatchDestination.DimensionConfigurations).toEqual([{ DimensionName: 'fazhi', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'Fazhi' }]);
    const sns = destinations.find((d) => d.SnsDestination)!;
    expect(sns).toMatchObject({ MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: logicalId(s.stack.mailEvents!) } } });
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalId(s.stack.mailEvents!) },
      Endpoint: { 'Fn::GetAtt': [functionId(s.stack, 'bounces'), 'Arn'] },
    });
    // Only SES, for this configuration set, may publish to the topic.
    const topicPolicy = Object.values(resources()).find((r) => r.Type === 'AWS::SNS::TopicPolicy' && r.Properties.Topics[0].Ref === logicalId(s.stack.mailEvents!))!;
    expect(topicPolicy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish' }));
  });
});

describe('triggers', () => {
  const schedules = () => Object.values(s.template.findResources('AWS::Scheduler::Schedule'));

  it('has exactly one daily sweep schedule at 09:00 Asia/Shanghai, and the digest after it at 09:30', () => {
    expect(schedules()).toHaveLength(4);
    const daily = schedules().filter((r) => r.Properties.ScheduleExpression === DAILY_SWEEP_CRON);
    expect(daily).toHaveLength(1);
    expect(DAILY_SWEEP_CRON).toBe('cron(0 9 * * ? *)');
    expect(daily[0]!.Properties).toMatchObject({
      Name: 'Fazhi-sweep',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'sweep'), 'Arn'] } },
    });
    // The scheduled time is the sweep's clock, so a retried run keeps its day.
    expect(JSON.parse(daily[0]!.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    const weekly = schedules().filter((r) => r.Properties.ScheduleExpression === DAILY_DIGEST_CRON);
    expect(DAILY_DIGEST_CRON).toBe('cron(30 9 * * ? *)');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.Properties).toMatchObject({ Name: 'Fazhi-digest', ScheduleExpressionTimezone: 'Asia/Shanghai', Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'digest'), 'Arn'] } } });
  });

  it('has a daily rollover at 08:00 Asia/Shanghai invoking materialise with its scheduled time, so a new year needs no deploy', () => {
    const rollover = schedules().filter((r) => r.Properties.ScheduleExpression === DAILY_ROLLOVER_CRON);
    expect(DAILY_ROLLOVER_CRON).toBe('cron(0 8 * * ? *)');
    expect(rollover).toHaveLength(1);
    expect(rollover[0]!.Properties).toMatchObject({
      Name: 'Fazhi-rollover',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'materialise'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(JSON.parse(rollover[0]!.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(rollover[0]!.Properties.Target.DeadLetterConfig).toBeDefined();
  });

  it('reconciles the evidence daily at 07:00 Asia/Shanghai', () => {
    const reconcile = schedules().filter((r) => r.Properties.ScheduleExpression === DAILY_RECONCILE_CRON);
    expect(reconcile).toHaveLength(1);
    expect(reconcile[0]!.Properties).toMatchObject({
      Name: 'Fazhi-reconcile',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'reconcile'), 'Arn'] } },
    });
  });

  it('one scheduler role, trusted only by EventBridge Scheduler for this account and for these four schedules (aws:SourceArn)', () => {
    const roleId = logicalId(s.stack.schedulerRole);
    for (const schedule of schedules()) expect(schedule.Properties.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    const trust = resources()[roleId]!.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' } });
    expect(render(trust[0].Condition.StringEquals['aws:SourceAccount'])).toBe('${AWS::AccountId}');
    expect(trust[0].Condition.ArnEquals['aws:SourceArn'].map(render)).toEqual(schedules().map((r) => `arn:aws:scheduler:ap-southeast-1:\${AWS::AccountId}:schedule/default/${r.Properties.Name}`));
  });

  it('routes every request of the HTTP API to the api function, with the admin, upload and sign-in routes declared to be throttled apart', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
      '$default',
      'ANY /api/admin/{proxy+}',
      'POST /api/admin/digest',
      'POST /api/admin/sweep',
      'POST /api/signin',
      'POST /api/uploads',
    ]);
    const integrations = Object.values(s.template.findResources('AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(1);
    expect(integrations[0]!.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [functionId(s.stack, 'api'), 'Arn'] } });
    const integrationId = Object.keys(s.template.findResources('AWS::ApiGatewayV2::Integration'))[0]!;
    for (const route of routes) expect(render(route.Properties.Target)).toBe(`integrations/\${${integrationId}}`);
  });

  it('materialises on deploy, keyed on the hash of the compiled plans', () => {
    s.template.hasResourceProperties('Custom::FazhiMaterialise', { PlansHash: s.plans.hash });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [functionId(s.stack, 'materialise'), 'Arn'] } } },
    });
  });
});

describe('API stage', () => {
  const stage = () => resources()[logicalId(s.stack.apiStage)]!.Properties;

  it('throttles per route: stricter on the admin, upload-request and sign-in routes than the default', () => {
    expect(stage().DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 50 });
    expect(stage().RouteSettings).toEqual({
      'POST /api/uploads': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      'ANY /api/admin/{proxy+}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      'POST /api/admin/sweep': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 },
      'POST /api/admin/digest': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 },
      'POST /api/signin': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
    });
    for (const [route, limit] of Object.entries(API_THROTTLE)) {
      if (route === 'default') continue;
      expect(limit.rateLimit, route).toBeLessThan(API_THROTTLE.default.rateLimit);
      expect(limit.burstLimit, route).toBeLessThan(API_THROTTLE.default.burstLimit);
    }
    // Every throttled route exists (a setting for a route that does not exist would fail the deploy).
    const keys = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    for (const route of Object.keys(stage().RouteSettings)) expect(keys).toContain(route);
  });

  it('writes a JSON access log with route, status, latency and integration error, and no query string (links carry tokens there)', () => {
    const settings = stage().AccessLogSettings;
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [logicalId(s.stack.apiAccessLogs), 'Arn'] });
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      method: '$context.httpMethod',
      path: '$context.path',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
    });
    expect(settings.Format).not.toMatch(/querystring|rawQueryString/i);
    expect(resources()[logicalId(s.stack.apiAccessLogs)]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 180 } });
  });
});

describe('failures', () => {
  it('sends failed asynchronous invocations to an encrypted, SSL-only dead-letter queue after two retries', () => {
    const queueId = logicalId(s.stack.failedInvocations);
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const configs = Object.values(s.template.findResources('AWS::Lambda::EventInvokeConfig'));
    for (const name of ASYNC_FUNCTIONS) {
      const config = configs.find((c) => c.Properties.FunctionName.Ref === functionId(s.stack, name));
      expect(config?.Properties, name).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } } });
    }
    for (const schedule of Object.values(s.template.findResources('AWS::Scheduler::Schedule'))) {
      expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    }
  });
});

describe('decisions a real synth makes on the command line', () => {
  it('refuses to synth without an alarm destination unless told to; an alarmEmail subscribes each address', () => {
    // With credentials (the CLI knows the account) a synth may be a deploy: it must name who is paged.
    expect(() => synthesise({ account: '123456789012', context: { allowNoAlarms: undefined } }).template).toThrow(AlarmDestinationError);
    expect(() => synthesise({ context: { allowNoAlarms: 'false' } }).template).toThrow(/-c alarmEmail=/);
    const subscribed = synthesise({ context: { allowNoAlarms: undefined, alarmEmail: 'ops@kjj.example.gov.cn, duty@kjj.example.gov.cn' } });
    const subscriptions = Object.values(subscribed.template.findResources('AWS::SNS::Subscription')).filter((r) => r.Properties.Protocol === 'email');
    expect(subscriptions.map((r) => r.Properties.Endpoint).sort()).toEqual(['duty@kjj.example.gov.cn', 'ops@kjj.example.gov.cn']);
    for (const r of subscriptions) expect(r.Properties.TopicArn).toEqual({ Ref: logicalId(subscribed.stack.alarmTopic) });
  });

  it('lets a synth without credentials (it cannot deploy) go without an alarm destination, with a warning that says what a deploy needs', () => {
    const offline = synthesise({ context: { allowNoAlarms: undefined } });
    expect(() => offline.template).not.toThrow();
    const warnings = offline.stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('-c alarmEmail='))).toBe(true);
  });

  it('refuses a real synth or deploy without -c region, explaining the choice; tests and -c region synthesise', () => {
    const app = () => new App({ context: { ...cdkJsonContext(), allowNoAlarms: 'true', 'aws:cdk:bundling-stacks': [] }, outdir: tempDir('region') });
    const refused = (() => {
      try {
        buildApp(app(), { plans: emptyPlans(), handlersDir: STUB_HANDLERS_DIR, nag: false, requireRegion: true });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(RegionNotChosenError);
    const message = (refused as Error).message;
    expect(message).toContain('-c region=');
    expect(message).toMatch(/Singapore/);
    expect(message).toMatch(/OUTSIDE mainland China/);
    expect(message).toMatch(/China partition \(cn-north-1 Beijing, cn-northwest-1 Ningxia/);
    // Not even AWS_REGION decides it for a real synth: the choice is made on the command line.
    const chosen = new App({ context: { ...cdkJsonContext(), allowNoAlarms: 'true', region: 'ap-northeast-1', 'aws:cdk:bundling-stacks': [] }, outdir: tempDir('region') });
    expect(buildApp(chosen, { plans: emptyPlans(), handlersDir: STUB_HANDLERS_DIR, nag: false, requireRegion: true }).region).toBe('ap-northeast-1');
    expect(() => stackRegion(app(), { AWS_REGION: 'eu-west-1' }, { requireRegion: true })).toThrow(RegionNotChosenError);
  });

  it('the tests default to a region with SES and need no account', () => {
    expect(s.stack.region).toBe(stackRegion(s.app));
    expect(stackRegion(s.app, {})).toBe(DEFAULT_REGION);
    expect(stackRegion(s.app, { AWS_REGION: 'eu-west-1', CDK_DEFAULT_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(synthesise({ context: { region: 'ap-northeast-1' } }).stack.region).toBe('ap-northeast-1');
  });
});

describe('app', () => {
  it('outputs the API URL, table and bucket names and the alarm topic', () => {
    const outputs = s.template.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'BucketName', 'AlarmTopicArn']));
  });
});
