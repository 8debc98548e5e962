/**
 * The stack in the AWS China partition (`-c partition=aws-cn -c region=cn-northwest-1 -c mailTransport=smtp`):
 * no SES resource or permission, no Lambda Function URL, the SMTP URL in Secrets Manager, only China ARNs,
 * and cdk-nag as clean as the global stack. The global stack's template is checked beside it.
 */

import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { StackContextError } from '../../infra/fazhi-stack.js';
import { functionId, logicalId, policyLines, removeTempDirs, synthesise } from './support.js';

const CHINA = { partition: 'aws-cn', region: 'cn-northwest-1', mailTransport: 'smtp' };
const SYNTH_TIMEOUT = 60_000;

/** Every ARN-looking string in the template, and every action of every policy. */
function scan(template: unknown): { arns: string[]; actions: string[] } {
  const arns: string[] = [];
  const actions: string[] = [];
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/arn:[a-z-]*:/g)) arns.push(match[0]);
      if (key === 'Action') actions.push(value);
    } else if (Array.isArray(value)) for (const v of value) visit(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k === 'Action' ? 'Action' : key === 'Action' ? 'Action' : k);
  };
  visit(template);
  return { arns, actions };
}

describe('the stack in the AWS China partition', () => {
  afterAll(removeTempDirs);
  const china = () => synthesise({ context: CHINA });

  it('has no SES resource or ses: action, no Lambda Function URL, and only arn:aws-cn: ARNs', () => {
    const { template } = china();
    const json = template.toJSON() as { Resources: Record<string, { Type: string }> };
    expect(Object.values(json.Resources).filter((r) => r.Type.startsWith('AWS::SES::'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Url', 0);
    const { arns, actions } = scan(json);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
    expect(arns.length).toBeGreaterThan(0);
    expect(new Set(arns)).toEqual(new Set(['arn:aws-cn:']));
    // CDK writes the partition as a reference in places; in this stack's region it can only be aws-cn.
    expect(JSON.stringify(json)).not.toMatch(/arn:aws:/);
  });

  it('keeps the SMTP URL in Secrets Manager, read by the functions that mail, and has no bounces function', () => {
    const { stack, template } = china();
    expect(stack.smtpUrl).toBeDefined();
    expect(stack.functions.bounces).toBeUndefined();
    const smtp = logicalId(stack.smtpUrl!);
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, any> }>;
    for (const name of ['sweepCalendar', 'digest', 'api'] as const) {
      const env = resources[functionId(stack, name)]!.Properties.Environment.Variables;
      expect(env.MAIL_TRANSPORT, name).toBe('smtp');
      expect(env.SMTP_SECRET_ARN, name).toEqual({ Ref: smtp });
      expect(env.SES_CONFIGURATION_SET, name).toBeUndefined();
      expect(policyLines(template, stack, name), name).toContain(`Allow secretsmanager:GetSecretValue \${${smtp}}`);
    }
    expect(policyLines(template, stack, 'sweepCalendar')).toContain('Allow secretsmanager:GetSecretValue arn:aws-cn:secretsmanager:cn-northwest-1:${AWS::AccountId}:secret:fazhi/robots/*');
    // No SES alarms: there is no SES to measure.
    expect(Object.keys(stack.alarms).filter((id) => /Bounce|Complaint/.test(id))).toEqual([]);
  });

  it(
    'passes cdk-nag AwsSolutions as the global stack does',
    () => {
      const { app } = synthesise({ context: CHINA, nag: true });
      expect(() => app.synth()).not.toThrow();
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
      expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    },
    SYNTH_TIMEOUT,
  );

  it('refuses SES in China, a partition that does not match the region, and unknown values', () => {
    expect(() => synthesise({ context: { ...CHINA, mailTransport: 'ses' } })).toThrow(StackContextError);
    expect(() => synthesise({ context: { ...CHINA, mailTransport: 'ses' } })).toThrow('SES does not exist in the AWS China partition: pass -c mailTransport=smtp');
    expect(() => synthesise({ context: { partition: 'aws-cn', region: 'ap-southeast-1' } })).toThrow('region ap-southeast-1 is not in the AWS China partition: pass -c partition=aws');
    expect(() => synthesise({ context: { region: 'cn-north-1', mailTransport: 'smtp' } })).toThrow('region cn-north-1 is in the AWS China partition: pass -c partition=aws-cn');
    expect(() => synthesise({ context: { mailTransport: 'pigeon' } })).toThrow('mailTransport must be ses or smtp, not "pigeon"');
  });
});

describe('the global stack beside it', () => {
  afterAll(removeTempDirs);

  it('sends through SES with only arn:aws: ARNs, and can use SMTP too', () => {
    const global = synthesise();
    expect(new Set(scan(global.template.toJSON()).arns)).toEqual(new Set(['arn:aws:']));
    global.template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    global.template.resourceCountIs('AWS::Lambda::Url', 0);
    const smtp = synthesise({ context: { mailTransport: 'smtp' } });
    smtp.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(scan(smtp.template.toJSON()).actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
  });
});
