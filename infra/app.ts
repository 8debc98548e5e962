/**
 * The CDK app (`npx cdk synth`, see cdk.json). Compiles the calendars first: a calendar problem fails the
 * synth with the file and field at fault, before anything reaches AWS. The region and the alarm
 * destination are decisions the command line makes (`-c region=…`, `-c alarmEmail=…`); without them
 * the synth stops and says why (the explanation, not a stack trace). It builds the pages' browser bundles
 * first (functions/web/build.ts): NodejsFunction bundles them into the api function like any import.
 */
import { App } from 'aws-cdk-lib';
import { ensureWebAssets } from '../functions/web/build.js';
import { buildPlansAsset } from './compiled-plans.js';
import { buildApp, RegionNotChosenError } from './fazhi-app.js';
import { AlarmDestinationError, StackContextError } from './fazhi-stack.js';

const plans = await buildPlansAsset();
// The pages' browser bundles (functions/web/generated/), which the api function's bundle then includes.
await ensureWebAssets({ rebuild: true });
try {
  buildApp(new App(), { plans, requireRegion: true });
} catch (error) {
  if (!(error instanceof RegionNotChosenError || error instanceof AlarmDestinationError || error instanceof StackContextError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
