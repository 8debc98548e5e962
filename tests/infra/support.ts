/** Helpers for the CDK tests: build the app as `cdk synth` does, with stub handlers and bundling skipped. */

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type PlansAsset, writePlansFile } from '../../infra/compiled-plans.js';
import { buildApp } from '../../infra/fazhi-app.js';
import { type FazhiStack, type FunctionName, HANDLER_FILES } from '../../infra/fazhi-stack.js';
import { HANDLERS_DIR, type HouseFunction, PROJECT_ROOT } from '../../infra/house-function.js';

export const STUB_HANDLERS_DIR = fileURLToPath(new URL('./fixtures/handlers/', import.meta.url));

/** True once every real handler file exists (the lead writes them in parallel). */
export const realHandlersExist = Object.values(HANDLER_FILES).every((file) => existsSync(join(HANDLERS_DIR, file)));

/** The context of cdk.json (feature flags and defaults), so tests see what `cdk synth` sees. */
export function cdkJsonContext(): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return config.context ?? {};
}

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `fazhi-infra-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** For `afterAll`: cloud assemblies with bundles are megabytes each. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A tiny plans.json (no plans): the stack tests are about infrastructure, not calendars. */
export function emptyPlans(): PlansAsset {
  return writePlansFile({ generatedAt: '2025-01-01T00:00:00.000Z', plans: [], notices: [] }, tempDir('plans'));
}

export interface Synthesised {
  app: App;
  stack: FazhiStack;
  /** Synthesises on first use, so a test can still change the tree (or register checks) before. */
  readonly template: Template;
  plans: PlansAsset;
}

/**
 * What a test synth passes that a real one decides on the command line: no alarm destination (a test
 * deploys nothing). The region falls back to ap-southeast-1 (tests do not pass `requireRegion`).
 */
export const TEST_CONTEXT = { allowNoAlarms: 'true' };

/** Builds the app with bundling skipped (0.5 s instead of 5 s). */
export function synthesise(options: { context?: Record<string, unknown>; nag?: boolean; plans?: PlansAsset; account?: string } = {}): Synthesised {
  const plans = options.plans ?? emptyPlans();
  const app = new App({
    context: { ...cdkJsonContext(), ...TEST_CONTEXT, 'aws:cdk:bundling-stacks': [], ...options.context },
    outdir: tempDir('out'),
  });
  const stack = buildApp(app, { plans, handlersDir: STUB_HANDLERS_DIR, nag: options.nag ?? false, ...(options.account ? { account: options.account } : {}) });
  let template: Template | undefined;
  return {
    app,
    stack,
    plans,
    get template() {
      return (template ??= Template.fromStack(stack));
    },
  };
}

export function logicalId(element: { node: { defaultChild?: unknown } }): string {
  const child = element.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** A function of the stack; `bounces` exists only with SES, so asking for it elsewhere is the test's mistake. */
export function fn(stack: FazhiStack, name: FunctionName): HouseFunction {
  const found = stack.functions[name];
  if (!found) throw new Error(`the stack has no ${name} function`);
  return found;
}

export function functionId(stack: FazhiStack, name: FunctionName): string {
  return logicalId(fn(stack, name));
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement of every identity policy attached to a function's role. */
export function roleStatements(template: Template, stack: FazhiStack, name: FunctionName): Statement[] {
  const roleId = logicalId(fn(stack, name).executionRole);
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => (policy.Properties.Roles as { Ref?: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function roleActions(template: Template, stack: FazhiStack, name: FunctionName): string[] {
  return roleStatements(template, stack, name).flatMap((statement) => [statement.Action].flat());
}

/**
 * A CloudFormation value as a readable string: `${Logical.Arn}` for GetAtt, `${Logical}` for Ref,
 * joins concatenated. Statements compared as such lines do not depend on how CDK merged or ordered them.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(render).join(',');
  const v = value as Record<string, unknown>;
  if ('Ref' in v) return `\${${String(v.Ref)}}`;
  if ('Fn::GetAtt' in v) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}

/**
 * A role's whole identity policy as sorted lines "Effect action resource [condition]", one per action
 * and resource: the full policy, so that any widening (an action, a resource, a dropped condition) shows.
 */
export function policyLines(template: Template, stack: FazhiStack, name: FunctionName): string[] {
  const lines = new Set<string>();
  for (const statement of roleStatements(template, stack, name) as (Statement & { Condition?: unknown })[]) {
    const condition = statement.Condition
      ? ` if ${render(JSON.parse(JSON.stringify(statement.Condition, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && ('Ref' in v || 'Fn::Join' in v || 'Fn::GetAtt' in v) ? render(v) : v))))}`
      : '';
    for (const action of [statement.Action].flat()) for (const resource of [statement.Resource].flat()) lines.add(`${statement.Effect} ${action} ${render(resource)}${condition}`);
  }
  return [...lines].sort();
}
