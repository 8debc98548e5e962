/**
 * The one test that really bundles (esbuild, no Docker): the handlers come out as minified ESM with
 * source maps, and plans.json travels inside the materialise bundle.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlansAsset } from '../../infra/compiled-plans.js';
import { buildApp } from '../../infra/fazhi-app.js';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/fazhi-stack.js';
import { ESM_REQUIRE_BANNER } from '../../infra/house-function.js';
import { cdkJsonContext, functionId, realHandlersExist, removeTempDirs, TEST_CONTEXT, tempDir } from './support.js';

describe('bundling', () => {
  afterAll(removeTempDirs);

  it.skipIf(!realHandlersExist)(
    'bundles every handler as ESM, ships plans.json with materialise and nodemailer beside the functions that mail',
    async () => {
      const plans = await buildPlansAsset({ outDir: tempDir('plans') });
      const outdir = tempDir('bundled');
      // Asset metadata (set by the CLI) says which cdk.out directory holds each function's bundle.
      const app = new App({ context: { ...cdkJsonContext(), ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true }, outdir });
      const stack = buildApp(app, { plans, nag: false });
      const template = app.synth().getStackArtifact(stack.artifactId).template as { Resources: Record<string, { Metadata: Record<string, string> }> };
      const assetDir = (name: FunctionName) => join(outdir, template.Resources[functionId(stack, name)]!.Metadata['aws:asset:path']!);

      for (const name of FUNCTION_NAMES) {
        const code = readFileSync(join(assetDir(name), 'index.mjs'), 'utf8');
        expect(code.startsWith(ESM_REQUIRE_BANNER), name).toBe(true);
        expect(code, name).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
        expect(code, name).not.toMatch(/\bmodule\.exports\s*=/);
        expect(existsSync(join(assetDir(name), 'index.mjs.map')), name).toBe(true);
      }

      const shipped = JSON.parse(readFileSync(join(assetDir('materialise'), 'plans.json'), 'utf8')) as { generatedAt: string; plans: { calendar: string; year: number }[] };
      expect(shipped).toEqual(JSON.parse(readFileSync(plans.file, 'utf8')));
      expect(shipped.plans.map((plan) => `${plan.calendar}@${plan.year}`)).toEqual(plans.compiled);
      expect(shipped.plans.length).toBeGreaterThan(0);
      // Only materialise carries the plans.
      expect(existsSync(join(assetDir('sweep'), 'plans.json'))).toBe(false);
      // The functions that mail ship nodemailer beside the bundle (loaded only when SMTP sends), not in it.
      for (const name of ['sweepCalendar', 'digest', 'api'] as const) {
        expect(readFileSync(join(assetDir(name), 'index.mjs'), 'utf8'), name).toMatch(/import\(\s*["']nodemailer["']\s*\)/);
        expect(existsSync(join(assetDir(name), 'node_modules', 'nodemailer', 'package.json')), name).toBe(true);
      }
      expect(existsSync(join(assetDir('s3Event'), 'node_modules'))).toBe(false);
      // …and what Node finds there from the bundle's folder is the transport the SMTP mailer uses.
      const probe = join(assetDir('sweepCalendar'), 'probe.mjs');
      writeFileSync(probe, "export default (await import('nodemailer')).default.createTransport;\n");
      expect(typeof (await import(probe)).default).toBe('function');
    },
    120_000,
  );
});
