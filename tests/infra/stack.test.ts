/**
 * What must never regress in the stack: state is protected, every function is the house function,
 * triggers fire at the planned times, failures are caught and alarmed, and each function holds only the
 * permissions it needs.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_INDEXES, TABLE_KEYS } from '../../functions/adapters/table-design.js';
import { stackRegion, DEFAULT_REGION } from '../../infra/fazhi-app.js';
import { DAILY_DIGEST_CRON, DAILY_ROLLOVER_CRON, DAILY_SWEEP_CRON, EVIDENCE_PREFIX, HANDLER_FILES, type FunctionName } from '../../infra/fazhi-stack.js';
import { functionId, logicalId, roleActions, removeTempDirs, roleStatements, synthesise, type Synthesised } from './support.js';

const FUNCTIONS = Object.keys(HANDLER_FILES) as FunctionName[];
const ASYNC_FUNCTIONS: FunctionName[] = ['sweep', 'digest', 's3Event'];

let s: Synthesised;
beforeAll(() => {
  s = synthesise();
  // The first synth loads most of aws-cdk-lib: do it under the hook's longer timeout.
  void s.template;
});
afterAll(removeTempDirs);

describe('table', () => {
  it('is kept, recoverable and protected from deletion', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    });
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
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
    expect(s.template.toJSON().Resources[bucketId()].Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('every bucket blocks public access and refuses plain HTTP', () => {
    const buckets = s.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy'));
    for (const id of Object.keys(buckets)) {
      const policy = policies.find((p) => p.Properties.Bucket.Ref === id);
      expect(policy, `bucket policy of ${id}`).toBeDefined();
      expect(policy!.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('lets browsers PUT from the configured origins (default any)', () => {
    const cors = (t: Synthesised) => t.template.toJSON().Resources[logicalId(t.stack.evidenceBucket)].Properties.CorsConfiguration.CorsRules;
    expect(cors(s)).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: ['*'] })]);
    const configured = synthesise({ context: { allowedOrigins: 'https://fazhi.example.gov.cn, https://b.example' } });
    expect(cors(configured)).toEqual([
      expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: ['https://fazhi.example.gov.cn', 'https://b.example'] }),
    ]);
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

describe('functions', () => {
  it('every house function is nodejs22.x on arm64 with 512 MB, ESM bundle, source maps and a one-month log group', () => {
    const resources = s.template.toJSON().Resources;
    for (const name of FUNCTIONS) {
      const fn = resources[functionId(s.stack, name)].Properties;
      expect(fn.Runtime, name).toBe('nodejs22.x');
      expect(fn.Architectures, name).toEqual(['arm64']);
      expect(fn.MemorySize, name).toBe(512);
      expect(fn.Handler, name).toBe('index.handler');
      expect(fn.Timeout, name).toBeLessThanOrEqual(900);
      expect(fn.Environment.Variables.NODE_OPTIONS, name).toBe('--enable-source-maps');
      const logGroup = resources[fn.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Type, name).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays, name).toBe(30);
    }
  });

  it('no Lambda in the stack runs Node.js older than 22', () => {
    for (const [id, fn] of Object.entries(s.template.findResources('AWS::Lambda::Function'))) {
      const match = /^nodejs(\d+)/.exec(String(fn.Properties.Runtime));
      if (match) expect(Number(match[1]), id).toBeGreaterThanOrEqual(22);
    }
  });

  it('gives every function TABLE_NAME, and each the variables its handler reads', () => {
    const env = (name: FunctionName) => s.template.toJSON().Resources[functionId(s.stack, name)].Properties.Environment.Variables;
    const tableRef = { Ref: logicalId(s.stack.table) };
    for (const name of FUNCTIONS) expect(env(name).TABLE_NAME, name).toEqual(tableRef);
    for (const name of ['sweep', 'digest', 'api'] as const) {
      expect(env(name).PUBLIC_BASE_URL, name).toEqual({ 'Fn::GetAtt': [logicalId(s.stack.api), 'ApiEndpoint'] });
      expect(env(name).MAIL_FROM, name).toBe('fazhi@example.gov.cn');
      expect(env(name).TOKEN_SECRET_ARN, name).toBeDefined();
    }
    expect(env('api').ADMIN_TOKEN_SECRET_ARN).toBeDefined();
    expect(env('api').BUCKET_NAME).toEqual({ Ref: logicalId(s.stack.evidenceBucket) });
    expect(env('s3Event').BUCKET_NAME).toEqual({ Ref: logicalId(s.stack.evidenceBucket) });
    expect(env('materialise').PLANS_FILE).toBe('plans.json');
    for (const name of ['sweep', 'digest', 's3Event', 'materialise'] as const) expect(env(name).ADMIN_TOKEN_SECRET_ARN, name).toBeUndefined();
  });

  it('takes the mail domain from context', () => {
    const other = synthesise({ context: { mailDomain: 'kjj.example.gov.cn' } });
    other.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'kjj.example.gov.cn' });
    const env = other.template.toJSON().Resources[functionId(other.stack, 'sweep')].Properties.Environment.Variables;
    expect(env.MAIL_FROM).toBe('fazhi@kjj.example.gov.cn');
  });
});

describe('triggers', () => {
  it('has exactly one daily sweep schedule at 09:00 Asia/Shanghai, and the digest after it at 09:30', () => {
    const schedules = Object.values(s.template.findResources('AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(3);
    const daily = schedules.filter((r) => r.Properties.ScheduleExpression === DAILY_SWEEP_CRON);
    expect(daily).toHaveLength(1);
    expect(DAILY_SWEEP_CRON).toBe('cron(0 9 * * ? *)');
    expect(daily[0]!.Properties).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'sweep'), 'Arn'] } },
    });
    // The scheduled time is the sweep's clock, so a retried run keeps its day.
    expect(JSON.parse(daily[0]!.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });

    // The digest runs after the sweep, daily; the use case sends it on the week's first working day.
    const weekly = schedules.filter((r) => r.Properties.ScheduleExpression === DAILY_DIGEST_CRON);
    expect(DAILY_DIGEST_CRON).toBe('cron(30 9 * * ? *)');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.Properties).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'digest'), 'Arn'] } },
    });
  });

  it('has a daily rollover at 08:00 Asia/Shanghai invoking materialise with its scheduled time, so a new year needs no deploy', () => {
    const schedules = Object.values(s.template.findResources('AWS::Scheduler::Schedule'));
    const rollover = schedules.filter((r) => r.Properties.ScheduleExpression === DAILY_ROLLOVER_CRON);
    expect(DAILY_ROLLOVER_CRON).toBe('cron(0 8 * * ? *)');
    expect(rollover).toHaveLength(1);
    expect(rollover[0]!.Properties).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [functionId(s.stack, 'materialise'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(JSON.parse(rollover[0]!.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(rollover[0]!.Properties.Target.DeadLetterConfig).toBeDefined();
  });

  it('routes every request of the HTTP API to the api function', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionId(s.stack, 'api'), 'Arn'] },
    });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('materialises on deploy, keyed on the hash of the compiled plans', () => {
    s.template.hasResourceProperties('Custom::FazhiMaterialise', { PlansHash: s.plans.hash });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [functionId(s.stack, 'materialise'), 'Arn'] } } },
    });
  });
});

describe('failures', () => {
  it('sends failed asynchronous invocations to an encrypted, SSL-only dead-letter queue after two retries', () => {
    const queueId = logicalId(s.stack.failedInvocations);
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const configs = Object.values(s.template.findResources('AWS::Lambda::EventInvokeConfig'));
    for (const name of ASYNC_FUNCTIONS) {
      const config = configs.find((c) => c.Properties.FunctionName.Ref === functionId(s.stack, name));
      expect(config?.Properties, name).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    }
    for (const schedule of Object.values(s.template.findResources('AWS::Scheduler::Schedule'))) {
      expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    }
  });

  it('alarms on any function error and on any message in the dead-letter queue, to an SSL-only topic', () => {
    const topicRef = { Ref: logicalId(s.stack.alarmTopic) };
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm'));
    for (const name of FUNCTIONS) {
      const alarm = alarms.find(
        (a) => a.Properties.MetricName === 'Errors' && a.Properties.Dimensions?.[0]?.Value?.Ref === functionId(s.stack, name),
      );
      expect(alarm?.Properties, name).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [topicRef] });
    }
    const dlqAlarm = alarms.find((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [topicRef],
    });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('least privilege', () => {
  const has = (actions: string[], prefix: string) => actions.filter((action) => action.startsWith(prefix));

  it('sweep cannot touch S3, s3-event cannot send mail', () => {
    expect(has(roleActions(s.template, s.stack, 'sweep'), 's3:')).toEqual([]);
    expect(has(roleActions(s.template, s.stack, 's3Event'), 'ses:')).toEqual([]);
  });

  it('each function holds only the services it needs', () => {
    const services = (name: FunctionName) => [...new Set(roleActions(s.template, s.stack, name).map((a) => a.split(':')[0]))].sort();
    expect(services('sweep')).toEqual(['dynamodb', 'logs', 'secretsmanager', 'ses', 'sqs']);
    expect(services('digest')).toEqual(['dynamodb', 'logs', 'secretsmanager', 'ses', 'sqs']);
    expect(services('api')).toEqual(['dynamodb', 'logs', 's3', 'secretsmanager', 'ses']);
    expect(services('s3Event')).toEqual(['dynamodb', 'logs', 's3', 'sqs']);
    expect(services('materialise')).toEqual(['dynamodb', 'logs']);
  });

  it('only the api reads the admin token; S3 access is limited to evidence/*', () => {
    const secretRefs = (name: FunctionName) =>
      roleStatements(s.template, s.stack, name)
        .filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => [st.Resource].flat() as { Ref: string }[])
        .map((r) => r.Ref);
    const adminId = s.template.toJSON().Resources[functionId(s.stack, 'api')].Properties.Environment.Variables.ADMIN_TOKEN_SECRET_ARN.Ref;
    expect(secretRefs('api')).toContain(adminId);
    for (const name of ['sweep', 'digest'] as const) {
      expect(secretRefs(name), name).not.toContain(adminId);
      expect(secretRefs(name), name).toHaveLength(1);
    }
    const s3 = (name: FunctionName) => roleStatements(s.template, s.stack, name).filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
    const evidenceObjects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(s.stack.evidenceBucket), 'Arn'] }, `/${EVIDENCE_PREFIX}*`]] };
    expect(s3('api')).toEqual([expect.objectContaining({ Action: ['s3:GetObject', 's3:PutObject'], Resource: evidenceObjects })]);
    expect(s3('s3Event')).toEqual([expect.objectContaining({ Action: 's3:GetObject', Resource: evidenceObjects })]);
  });

  it('mail may be sent only as the configured identity', () => {
    for (const name of ['sweep', 'digest', 'api'] as const) {
      const ses = roleStatements(s.template, s.stack, name).filter((st) => [st.Action].flat().some((a) => a.startsWith('ses:')));
      expect(ses, name).toHaveLength(1);
      expect([ses[0]!.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(JSON.stringify(ses[0]!.Resource)).toContain(`:identity/`);
      expect(ses[0]!.Resource).not.toBe('*');
    }
  });

  it('no function statement grants a bare "*" resource', () => {
    for (const name of FUNCTIONS) {
      for (const statement of roleStatements(s.template, s.stack, name)) {
        expect([statement.Resource].flat(), name).not.toContain('*');
      }
    }
  });
});

describe('app', () => {
  it('outputs the API URL, table and bucket names', () => {
    const outputs = s.template.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'BucketName']));
  });

  it('defaults to a region with SES and needs no account', () => {
    expect(s.stack.region).toBe(stackRegion(s.app));
    expect(stackRegion(s.app, {})).toBe(DEFAULT_REGION);
    expect(stackRegion(s.app, { AWS_REGION: 'eu-west-1', CDK_DEFAULT_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(synthesise({ context: { region: 'ap-northeast-1' } }).stack.region).toBe('ap-northeast-1');
  });
});
