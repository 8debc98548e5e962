/**
 * Builds the CDK app: the stack plus the cdk-nag AwsSolutions checks. `infra/app.ts` calls it for
 * `cdk synth`/`cdk deploy` (with `requireRegion`); the tests call it with small fixture handlers and a
 * small plans file.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PlansAsset } from './compiled-plans.js';
import { FazhiStack } from './fazhi-stack.js';

/** The region the tests synthesise for (it has SES). A real synth or deploy names its region. */
export const DEFAULT_REGION = 'ap-southeast-1';

/** A real synth or deploy without `-c region`: where the data lives is a decision, not a default. */
export class RegionNotChosenError extends Error {
  override readonly name = 'RegionNotChosenError';
}

export const REGION_DECISION = [
  'Choose where the data lives: pass -c region=<region> to cdk synth / cdk deploy.',
  'The table and the evidence bucket hold personal data of a mainland government bureau (names, addresses, evidence files) and its logs:',
  '  - an AWS global region (ap-southeast-1 Singapore, ap-northeast-1 Tokyo, …) is OUTSIDE mainland China: storing mainland',
  '    government data there is a cross-border transfer (数据出境) under the PIPL and the Data Security Law, and needs the',
  '    assessment or filing those laws require before real data goes in; fine for a trial with the example calendars.',
  '  - the AWS China partition (cn-north-1 Beijing, cn-northwest-1 Ningxia; a separate account, operated by local partners,',
  '    ICP filing for public endpoints) is the in-country option; check that every service the stack uses is offered there.',
  'SES must exist in the region (it does not in ap-east-1). See README, "Deploy to AWS".',
].join('\n');

/**
 * The stack's region: context `region` (`-c region=…`). Without it, a real synth or deploy
 * (`requireRegion`) stops and explains; the tests fall back to AWS_REGION / AWS_DEFAULT_REGION, then
 * ap-southeast-1.
 *
 * Why not CDK_DEFAULT_REGION: the CLI always sets it, to us-east-1 when nothing is configured, so it
 * would silently replace the choice. The account stays unresolved (CDK_DEFAULT_ACCOUNT, absent without
 * credentials), so synth needs none.
 */
export function stackRegion(app: App, env: NodeJS.ProcessEnv = process.env, options: { requireRegion?: boolean } = {}): string {
  const chosen = app.node.tryGetContext('region');
  if (typeof chosen === 'string' && chosen.length > 0) return chosen;
  if (options.requireRegion) throw new RegionNotChosenError(REGION_DECISION);
  const fallback = [env.AWS_REGION, env.AWS_DEFAULT_REGION].find((value): value is string => typeof value === 'string' && value.length > 0);
  return fallback ?? DEFAULT_REGION;
}

export interface BuildAppOptions {
  readonly plans: PlansAsset;
  readonly handlersDir?: string;
  /** Register the cdk-nag AwsSolutions pack (findings fail synthesis). @default true */
  readonly nag?: boolean;
  /** A real synth or deploy: `-c region` must be given (see REGION_DECISION). @default false */
  readonly requireRegion?: boolean;
  /** The account to deploy to. @default CDK_DEFAULT_ACCOUNT (set by the CLI when it has credentials) */
  readonly account?: string;
}

export function buildApp(app: App, options: BuildAppOptions): FazhiStack {
  const region = stackRegion(app, process.env, { requireRegion: options.requireRegion ?? false });
  const stack = new FazhiStack(app, 'Fazhi', {
    description: 'fazhi: legal-work calendar reminders (table, evidence bucket, sweep, digest, API)',
    env: { account: options.account ?? process.env.CDK_DEFAULT_ACCOUNT, region },
    plans: options.plans,
    ...(options.handlersDir !== undefined && { handlersDir: options.handlersDir }),
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return stack;
}
