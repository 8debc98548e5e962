/**
 * Builds the CDK app: the stack plus the cdk-nag AwsSolutions checks. `infra/app.ts` calls it for
 * `cdk synth`; the tests call it with small fixture handlers and a small plans file.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PlansAsset } from './compiled-plans.js';
import { FazhiStack } from './fazhi-stack.js';

/**
 * SES is not offered in every region (nor the same way in the AWS China regions), so the stack names a
 * region that has it unless one is chosen: context `region` (`-c region=…`), then AWS_REGION /
 * AWS_DEFAULT_REGION, then ap-southeast-1 (Singapore).
 *
 * Why not CDK_DEFAULT_REGION: the CLI always sets it, to us-east-1 when nothing is configured, so it
 * would silently replace this default on every offline synth. The account stays unresolved
 * (CDK_DEFAULT_ACCOUNT, absent without credentials), so synth needs none.
 */
export const DEFAULT_REGION = 'ap-southeast-1';

export function stackRegion(app: App, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = [app.node.tryGetContext('region'), env.AWS_REGION, env.AWS_DEFAULT_REGION].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return chosen ?? DEFAULT_REGION;
}

export interface BuildAppOptions {
  readonly plans: PlansAsset;
  readonly handlersDir?: string;
  /** Register the cdk-nag AwsSolutions pack (findings fail synthesis). @default true */
  readonly nag?: boolean;
}

export function buildApp(app: App, options: BuildAppOptions): FazhiStack {
  const region = stackRegion(app);
  const stack = new FazhiStack(app, 'Fazhi', {
    description: 'fazhi: legal-work calendar reminders (table, evidence bucket, sweep, digest, API)',
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
    plans: options.plans,
    ...(options.handlersDir !== undefined && { handlersDir: options.handlersDir }),
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return stack;
}
