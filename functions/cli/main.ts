/**
 * The `fazhi` command line: validate, preview and export calendars, and run the engine.
 *
 * Each command's code is imported when that command runs, not before: `fazhi --help` loads commander
 * and this file only, and `fazhi validate` never loads the AWS SDK (see `npm run bench`).
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_API } from './admin-api.js';
import { registerAccounts } from './commands/accounts.js';
import type { LedgerOptions } from './commands/ledger.js';
import type { SyncOptions } from './commands/sync.js';
import { type Io, processIo } from './io.js';
import { parseDate, parseInteger, parseRate, parseYear } from './options.js';

export function buildProgram(io: Io, setExit: (code: number) => void, env: NodeJS.ProcessEnv): Command {
  const program = new Command('fazhi')
    .description('法治 calendars as code: validate, preview and export plan calendars, and run the reminder engine')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  const rootOption = () => new Option('--root <dir>', "calendars folder (default: the project's calendars/)").hideHelp();
  const planOptions = (command: Command) =>
    command
      .requiredOption('-c, --calendar <id>', 'calendar id, e.g. suzhou-kjj-2024')
      .requiredOption('-y, --year <yyyy>', 'plan year', parseYear)
      .option('-o, --office <id>', 'only this office')
      .addOption(rootOption());

  program
    .command('validate')
    .description('check calendar files (default: every calendar and holiday file); exit 1 listing every problem')
    .argument('[paths...]', 'calendar files to check')
    .addOption(rootOption())
    .action(async (paths: string[], options: { root?: string }) => setExit(await (await import('./commands/validate.js')).validateCommand(paths, options, io)));

  planOptions(program.command('preview').description('show what a calendar compiles to for a year'))
    .option('--json', 'print a JSON array of occurrences')
    .action(async (options) => setExit(await (await import('./commands/preview.js')).previewCommand(options, io)));

  planOptions(program.command('ics').description('print the plan as an iCalendar (RFC 5545) file')).action(async (options) =>
    setExit(await (await import('./commands/ics.js')).icsCommand(options, io, new Date())),
  );

  program
    .command('dev')
    .description('run the engine locally on the embedded stack (DynamoDB Local, SES and S3 emulators) until Ctrl-C')
    .option('-p, --port <port>', 'HTTP port for the API and pages', parseInteger, 3000)
    .option('--data-dir <dir>', 'where local data is kept (ignored by git)', '.fazhi')
    .option('--date <yyyy-mm-dd>', 'pretend today is this date (the clock runs on from 09:00 that day)', parseDate)
    .option('--reset', 'delete the local data first (table, evidence, clock and accounts; the link key is kept)')
    .option('--no-demo', 'on empty data, do not play the year so far (start with nothing handed in)')
    .option('--mail <smtp-url>', 'send mail through this SMTP server (smtp://127.0.0.1:PORT, smtps://user:pass@host) instead of the SES emulator')
    .action(async (options: { port: number; dataDir: string; date?: string; reset?: boolean; demo: boolean; mail?: string }) =>
      setExit(await (await import('./commands/dev.js')).devCommand(options, io)),
    );

  program
    .command('sync')
    .description('materialise the calendars into the table named by TABLE_NAME (idempotent; DYNAMODB_ENDPOINT for DynamoDB Local)')
    .option('-c, --calendar <id>', 'only this calendar')
    .option('-y, --year <yyyy>', 'only this year', parseYear)
    .addOption(rootOption())
    .action(async (options: SyncOptions) => setExit(await (await import('./commands/sync.js')).syncCommand(options, io, new Date(), env)));

  program
    .command('ledger')
    .description('write the year-end evidence ledger (台账): printable office pages, a CSV and a SHA-256 manifest of the evidence')
    .requiredOption('-c, --calendar <id>', 'calendar id, e.g. suzhou-kjj-2024')
    .requiredOption('-y, --year <yyyy>', 'plan year', parseYear)
    .option('-o, --office <id>', 'only this office')
    .requiredOption('--out <dir>', 'folder to write; created, and must be empty unless --force')
    .option('--api <url>', 'base URL of the fazhi API', DEFAULT_API)
    .option('--api-token <token>', `your account's API token (default: $FAZHI_API_TOKEN, else local mode's apiToken in .fazhi/secrets.json)`)
    // Gone with the shared admin token: refused, saying what replaced it.
    .addOption(new Option('--admin-token <token>').hideHelp())
    .option('--force', 'write into a non-empty --out folder, replacing files of the same name')
    .option('--with-evidence', 'also download every evidence file into --out (checked against its SHA-256), so `sha256sum -c manifest.sha256` passes there')
    .action(async (options: LedgerOptions) => setExit(await (await import('./commands/ledger.js')).ledgerCommand(options, io)));
  registerAccounts(program, io, setExit, env);

  program
    .command('simulate')
    .description('play a span of days through the real handlers (in memory by default), with offices submitting at random')
    .requiredOption('-c, --calendar <id>', 'calendar id, e.g. suzhou-kjj-2024')
    .option('-y, --year <yyyy>', 'a whole year: short for --from YYYY-01-01 --to YYYY-12-31', parseYear)
    .option('--from <yyyy-mm-dd>', 'first day played', parseDate)
    .option('--to <yyyy-mm-dd>', 'last day played (may be in a later year)', parseDate)
    .addOption(new Option('--store <store>', 'where the engine keeps its data: in memory, or DynamoDB Local with the SES and S3 emulators').choices(['memory', 'dynamodb-local']).default('memory'))
    .option('--submit-rate <r>', 'share of required submissions the offices make (0–1)', parseRate, 0.8)
    .option('--seed <n>', 'random seed (same seed, same year)', parseInteger, 1)
    .option('--json', 'print the figures as JSON')
    .option('--report-dir <dir>', 'where the HTML report is written', '.fazhi/reports')
    .action(async (options) => setExit(await (await import('./commands/simulate.js')).simulateCommand(options, io, (text) => void (process.stderr.isTTY && process.stderr.write(text)))));

  return program;
}

/**
 * Runs the CLI; returns the exit code instead of exiting so tests can call it in-process with their own
 * output and environment (only this default and bin.mjs read the process's).
 */
export async function main(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c), env);
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`fazhi: ${(error as Error).message}`);
    return 1;
  }
}
