/** The CLI's start: `fazhi --help` and `fazhi validate`, each the median of 7 runs, with `node -e 0` in the same run. */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { atMost, type Figure, median, reported } from './figures.js';

function seconds(args: string[]): number {
  return median(
    Array.from({ length: 7 }, () => {
      const started = performance.now();
      execFileSync('node', args, { stdio: 'ignore' });
      return (performance.now() - started) / 1000;
    }),
  );
}

export function cliFigures(): Figure[] {
  const node = seconds(['-e', '0']);
  const help = seconds(['functions/cli/bin.mjs', '--help']);
  const validate = seconds(['functions/cli/bin.mjs', 'validate']);
  return [
    reported('cli floor: node -e 0', node, 's'),
    atMost('cli: fazhi --help', help, 's', 0.3, `${(help / node).toFixed(1)}× node -e 0`),
    atMost('cli: fazhi validate (every calendar file)', validate, 's', 1, `${(validate / node).toFixed(1)}× node -e 0`),
  ];
}
