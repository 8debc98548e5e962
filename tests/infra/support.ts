/** Helpers for the CDK tests: build the app as `cdk synth` does, with stub handlers and bundling skipped. */
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePlansFile, type PlansAsset } from '../../infra/compiled-plans.js';
import { buildApp } from '../../infra/fazhi-app.js';
import { HANDLER_FILES, type FazhiStack, type FunctionName } from '../../infra/fazhi-stack.js';
import { HANDLERS_DIR, PROJECT_ROOT } from '../../infra/house-function.js';

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

/** Builds the app with bundling skipped (0.5 s instead of 5 s). */
export function synthesise(options: { context?: Record<string, unknown>; nag?: boolean; plans?: PlansAsset } = {}): Synthesised {
  const plans = options.plans ?? emptyPlans();
  const app = new App({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...options.context },
    outdir: tempDir('out'),
  });
  const stack = buildApp(app, { plans, handlersDir: STUB_HANDLERS_DIR, nag: options.nag ?? false });
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

export function functionId(stack: FazhiStack, name: FunctionName): string {
  return logicalId(stack.functions[name]);
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement of every identity policy attached to a function's role. */
export function roleStatements(template: Template, stack: FazhiStack, name: FunctionName): Statement[] {
  const roleId = logicalId(stack.functions[name].executionRole);
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => (policy.Properties.Roles as { Ref?: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function roleActions(template: Template, stack: FazhiStack, name: FunctionName): string[] {
  return roleStatements(template, stack, name).flatMap((statement) => [statement.Action].flat());
}
