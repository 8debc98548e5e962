/**
 * Least privilege, asserted: each function's whole IAM policy, line by line (effect, action, resource,
 * condition). A widening of any kind (an action, an index, a secret, a dropped condition) fails here.
 * The table actions follow the use cases each handler calls through the store adapters
 * (functions/adapters/dynamo/*.ts); see TABLE_ACCESS in infra/fazhi-stack.ts for why each one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES as FUNCTIONS, type FunctionName } from '../../infra/fazhi-stack.js';
import { functionId, logicalId, policyLines, removeTempDirs, type Synthesised, synthesise } from './support.js';

let s: Synthesised;
beforeAll(() => {
  s = synthesise();
  void s.template;
});
afterAll(removeTempDirs);

/** The expected lines, in terms of the stack's logical ids. */
function expected(name: FunctionName): string[] {
  const id = (construct: { node: { defaultChild?: unknown } }) => logicalId(construct);
  const resources = s.template.toJSON().Resources as Record<string, { Properties: Record<string, any> }>;
  const logGroup = resources[functionId(s.stack, name)]!.Properties.LoggingConfig.LogGroup.Ref as string;
  const table = `\${${id(s.stack.table)}.Arn}`;
  const auditDenied = ['BatchWriteItem', 'DeleteItem', 'UpdateItem'].map((a) => `Deny dynamodb:${a} ${table} if {"ForAnyValue:StringLike":{"dynamodb:LeadingKeys":["AUDIT#*"]}}`);
  const dynamo = (actions: string[], indexes: string[]) => [...actions.flatMap((a) => [table, ...indexes.map((i) => `${table}/index/${i}`)].map((r) => `Allow dynamodb:${a} ${r}`)), ...auditDenied];
  const secretId = (env: string) => resources[functionId(s.stack, 'api')]!.Properties.Environment.Variables[env].Ref as string;
  const tokenSecret = `\${${secretId('TOKEN_SECRET_ARN')}}`;
  const queue = `\${${id(s.stack.failedInvocations)}.Arn}`;
  const evidence = `\${${id(s.stack.evidenceBucket)}.Arn}`;
  const sweepQueue = `\${${id(s.stack.sweepQueue)}.Arn}`;
  const condition = ' if {"StringEquals":{"ses:FromAddress":"fazhi@example.gov.cn"}}';
  const mail = [
    `Allow ses:SendEmail arn:aws:ses:ap-southeast-1:\${AWS::AccountId}:configuration-set/\${${id(s.stack.configurationSet!)}}${condition}`,
    `Allow ses:SendEmail arn:aws:ses:ap-southeast-1:\${AWS::AccountId}:identity/\${${Object.keys(s.template.findResources('AWS::SES::EmailIdentity'))[0]}}${condition}`,
  ];
  const logs = [`Allow logs:CreateLogStream \${${logGroup}.Arn}`, `Allow logs:PutLogEvents \${${logGroup}.Arn}`];
  const deadLetters = ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map((a) => `Allow sqs:${a} ${queue}`);
  const lines: Record<FunctionName, string[]> = {
    sweep: [...logs, ...deadLetters, ...dynamo(['Query'], []), `Allow sqs:SendMessage ${sweepQueue}`],
    sweepCalendar: [
      ...logs,
      ...dynamo(['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], ['GSI1']),
      `Allow secretsmanager:GetSecretValue ${tokenSecret}`,
      'Allow secretsmanager:GetSecretValue arn:aws:secretsmanager:ap-southeast-1:${AWS::AccountId}:secret:fazhi/robots/*',
      ...mail,
      // The SQS event source: receive, extend, delete (the messages it was given), read the queue's attributes.
      ...['ChangeMessageVisibility', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ReceiveMessage'].map((a) => `Allow sqs:${a} ${sweepQueue}`),
    ],
    digest: [...logs, ...deadLetters, ...dynamo(['GetItem', 'PutItem', 'Query', 'UpdateItem'], ['GSI3']), ...mail],
    api: [
      ...logs,
      ...dynamo(['GetItem', 'PutItem', 'Query', 'UpdateItem'], ['GSI2', 'GSI3']),
      `Allow secretsmanager:GetSecretValue ${tokenSecret}`,
      ...mail,
      ...['GetObject', 'GetObjectVersion', 'PutObject'].map((a) => `Allow s3:${a} ${evidence}/evidence/*`),
      `Allow lambda:InvokeFunction \${${functionId(s.stack, 'sweep')}.Arn}`,
      `Allow lambda:InvokeFunction \${${functionId(s.stack, 'digest')}.Arn}`,
    ],
    s3Event: [...logs, ...deadLetters, ...dynamo(['GetItem', 'PutItem', 'UpdateItem'], []), ...['GetObject', 'GetObjectVersion'].map((a) => `Allow s3:${a} ${evidence}/evidence/*`)],
    materialise: [...logs, ...dynamo(['GetItem', 'PutItem', 'Query', 'UpdateItem'], ['GSI3'])],
    bounces: [...logs, ...deadLetters, ...dynamo(['Query', 'UpdateItem'], [])],
    reconcile: [...logs, ...deadLetters, ...dynamo(['Query'], ['GSI3']), `Allow s3:ListBucket ${evidence} if {"StringLike":{"s3:prefix":["evidence/*"]}}`],
  };
  return [...new Set(lines[name])].sort();
}

describe('least privilege', () => {
  for (const name of FUNCTIONS) {
    it(`${name}: its whole policy, exactly`, () => {
      expect(policyLines(s.template, s.stack, name)).toEqual(expected(name));
    });
  }

  it('no function may delete, batch-write or scan, and none holds a wildcard action or a bare "*" resource', () => {
    for (const name of FUNCTIONS) {
      for (const line of policyLines(s.template, s.stack, name).filter((l) => l.startsWith('Allow '))) {
        const [, action, resource] = line.split(' ');
        expect(action, `${name}: ${line}`).not.toMatch(/DeleteItem|BatchWriteItem|Scan|DeleteObject|\*/);
        expect(resource, `${name}: ${line}`).not.toBe('*');
        expect(resource, `${name}: ${line}`).not.toMatch(/\/index\/\*$/);
      }
    }
  });

  it('the audit trail is append-only: every function with table access is denied updating, deleting or batch-writing an AUDIT# item', () => {
    for (const name of FUNCTIONS) {
      const lines = policyLines(s.template, s.stack, name);
      const table = lines.find((l) => l.startsWith('Allow dynamodb:'))!.split(' ')[2]!;
      for (const action of ['UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
        expect(lines, `${name} ${action}`).toContain(`Deny dynamodb:${action} ${table} if {"ForAnyValue:StringLike":{"dynamodb:LeadingKeys":["AUDIT#*"]}}`);
      }
      // And none is allowed to delete or batch-write anything at all.
      expect(
        lines.filter((l) => l.startsWith('Allow') && /DeleteItem|BatchWriteItem/.test(l)),
        name,
      ).toEqual([]);
    }
  });

  it('only the sweep worker and the api read the link key, only the sweep worker the robots; no function reads an admin token (there is none); the digest reads no secret', () => {
    const reads = (name: FunctionName) => policyLines(s.template, s.stack, name).filter((l) => l.includes('secretsmanager:'));
    expect(reads('digest')).toEqual([]);
    expect(reads('sweep')).toEqual([]);
    expect(reads('sweepCalendar')).toHaveLength(2);
    expect(reads('api')).toHaveLength(1);
    for (const name of ['s3Event', 'materialise', 'bounces', 'reconcile'] as const) expect(reads(name), name).toEqual([]);
  });

  it("mail is sent with ses:SendEmail only, as the stack's identity through its configuration set, from fazhi@ only", () => {
    for (const name of FUNCTIONS) {
      const ses = policyLines(s.template, s.stack, name).filter((l) => l.includes(' ses:'));
      if (name === 'sweepCalendar' || name === 'digest' || name === 'api') {
        expect(ses, name).toHaveLength(2);
        for (const line of ses) expect(line).toMatch(/^Allow ses:SendEmail arn:aws:ses:.*(identity|configuration-set)\/.* if \{"StringEquals":\{"ses:FromAddress":"fazhi@example\.gov\.cn"\}\}$/);
      } else expect(ses, name).toEqual([]);
    }
  });
});
