/**
 * `npm run bench`: the speed, size and cost figures fazhi is designed for, each measured side by side
 * with its floor or peer in the same run and held to its target (printed; never asserted in tests).
 *
 *   npm run bench                  the figures as a table
 *   npm run bench -- --json        {"figures": [{name, value, unit, target, holds, note}]}
 *   npm run bench -- --only cli    one group: cli, compile, bundles, dynamo, model
 *   npm run bench -- --write-budget  rewrite tests/bench/bundle-budget.json from today's bundles
 */
import { FUNCTION_NAMES } from '../../infra/fazhi-stack.js';
import './quiet-sdk-warning.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_BUDGET_FILE, bundleLikeLambda, handlerEntry } from '../support/lambda-bundle.js';
import { bundleFigures } from './bundle-figures.js';
import { cliFigures } from './cli-figures.js';
import { compileFigures } from './compile-figures.js';
import { dynamoFigures } from './dynamo-figures.js';
import type { Figure } from './figures.js';
import { printTable } from './figures.js';
import { modelFigures } from './model-figures.js';

const GROUPS = {
  cli: async () => cliFigures(),
  compile: async () => compileFigures(),
  bundles: bundleFigures,
  dynamo: dynamoFigures,
  model: modelFigures,
} satisfies Record<string, (progress: (line: string) => void) => Promise<Figure[]>>;

const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string', multiple: true }, 'write-budget': { type: 'boolean' } } });
const progress = (line: string) => process.stderr.write(`  ${line}\n`);

if (values['write-budget']) {
  const sizes: Record<string, number> = {};
  for (const name of FUNCTION_NAMES) sizes[name] = (await bundleLikeLambda(handlerEntry(name), join('cdk.out', `budget-${name}.mjs`))).bytes;
  writeFileSync(BUNDLE_BUDGET_FILE, `${JSON.stringify(sizes, null, 2)}\n`);
  console.log(`wrote ${BUNDLE_BUDGET_FILE}`);
  process.exit(0);
}

const unknown = (values.only ?? []).filter((g) => !(g in GROUPS));
if (unknown.length > 0) {
  console.error(`unknown group(s): ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
  process.exit(2);
}
const chosen = (values.only?.length ? values.only : Object.keys(GROUPS)) as (keyof typeof GROUPS)[];
const figures: Figure[] = [];
process.stderr.write(`fazhi benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
for (const group of chosen) {
  progress(`${group}…`);
  figures.push(...(await GROUPS[group](progress)));
}
if (values.json) console.log(JSON.stringify({ figures }, null, 2));
else printTable(figures, (line) => console.log(line));
