/**
 * cdk-nag AwsSolutions: the app synthesises with the checks registered, nothing is left unacknowledged,
 * and every acknowledgement names one rule (one finding, for wildcard findings) with a reason.
 */
import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, synthesise } from './support.js';

/** A full synth with the checks takes seconds, more on a loaded CI machine. */
const SYNTH_TIMEOUT = 60_000;

describe('cdk-nag AwsSolutions', () => {
  afterAll(removeTempDirs);

  it(
    'finds nothing unacknowledged',
    () => {
      const { app } = synthesise({ nag: true });
      // The registered plugin fails synthesis on any finding…
      expect(() => app.synth()).not.toThrow();
      // …and a direct run lists them, for a readable failure.
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
      const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings).toEqual([]);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'finds nothing unacknowledged with X-Ray tracing on',
    () => {
      const { app, stack, template } = synthesise({ nag: true, context: { tracing: 'true' } });
      template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
      expect(Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { TracingConfig: { Mode: 'Active' } } }))).toHaveLength(Object.keys(stack.functions).length);
      expect(() => app.synth()).not.toThrow();
    },
    SYNTH_TIMEOUT,
  );

  it(
    'is live: an unchecked resource fails the synth',
    () => {
      const { app, stack } = synthesise({ nag: true });
      new Bucket(stack, 'Careless');
      expect(() => app.synth()).toThrow(/Fazhi\/Careless\/Resource[\s\S]*AwsSolutions-S1\b/);
    },
    SYNTH_TIMEOUT,
  );

  it('acknowledges one rule at a time, each with a reason', () => {
    const { app } = synthesise();
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    const visit = (node: IConstruct) => {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acknowledged.push({ path: node.node.path, id, reason });
      }
      node.node.children.forEach(visit);
    };
    visit(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      const rule = id.replace(/^annotation::/i, '');
      expect(rule, path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      // Wildcard and managed-policy findings are acknowledged per finding, never for the whole rule.
      if (/^AwsSolutions-IAM[45]/.test(rule)) expect(rule, path).toMatch(/\[(Resource|Action|Policy)::.+\]$/);
      expect(reason.length, `${path} ${rule}`).toBeGreaterThan(40);
      expect(path, rule).not.toBe('Fazhi');
    }
  });
});
