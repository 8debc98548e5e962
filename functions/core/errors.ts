/** Named errors of the core; adapters and handlers map them to exit codes and HTTP statuses. */

/** One problem in one input: the file (or request), the dotted path of the field, and what is wrong. */
export interface Problem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.path || '(root)'}: ${problem.message}`;
}

export class CalendarValidationError extends Error {
  override readonly name = 'CalendarValidationError';
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem(s) in calendars:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export class UnknownCalendarError extends Error {
  override readonly name = 'UnknownCalendarError';
  constructor(
    readonly calendarId: string,
    readonly known: readonly string[],
  ) {
    super(`unknown calendar "${calendarId}"; known calendars: ${known.join(', ') || '(none)'}`);
  }
}

export class CalendarYearError extends Error {
  override readonly name = 'CalendarYearError';
  constructor(
    readonly calendarId: string,
    readonly year: number,
    readonly range: string,
  ) {
    super(`calendar "${calendarId}" applies to ${range}, not to ${year}`);
  }
}

export class UnknownOfficeError extends Error {
  override readonly name = 'UnknownOfficeError';
  constructor(
    readonly calendarId: string,
    readonly officeId: string,
    readonly known: readonly string[],
  ) {
    super(`calendar "${calendarId}" has no office "${officeId}"; its offices: ${known.join(', ')}`);
  }
}
