/**
 * The CDK app (`npx cdk synth`, see cdk.json). Compiles the calendars first: a calendar problem fails the
 * synth with the file and field at fault, before anything reaches AWS.
 */
import { App } from 'aws-cdk-lib';
import { buildPlansAsset } from './compiled-plans.js';
import { buildApp } from './fazhi-app.js';

const plans = await buildPlansAsset();
buildApp(new App(), { plans });
