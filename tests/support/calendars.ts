/** Builds calendar registries in memory for unit tests of the pure core. */

import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { type CalendarEntry, resolveCalendar } from '../../functions/core/calendar-references.js';
import { type CalendarInput, CalendarSchema } from '../../functions/core/calendar-schema.js';
import { compile, type Plan } from '../../functions/core/compile.js';

export function registryOf(...inputs: CalendarInput[]): Map<string, CalendarEntry> {
  return new Map(
    inputs.map((input) => {
      const calendar = CalendarSchema.parse(input);
      return [calendar.id, { file: `${calendar.id}.ts`, calendar }] as const;
    }),
  );
}

export const TEST_OFFICES: CalendarInput['offices'] = [
  { id: 'policy', name: '政策法规处', emails: ['policy@test.example'], headEmail: 'policy-head@test.example' },
  { id: 'office', name: '办公室', emails: ['office@test.example'] },
  { id: 'science', name: '社会发展科技处', emails: ['science@test.example', 'science2@test.example'] },
];

export function testCalendar(tasks: CalendarInput['tasks'], extra: Partial<CalendarInput> = {}): CalendarInput {
  return {
    id: 'test-bureau',
    title: '测试局普法计划',
    organisation: { name: '测试局' },
    offices: TEST_OFFICES,
    policyOffice: 'policy',
    tasks,
    ...extra,
  };
}

export function compileTasks(tasks: CalendarInput['tasks'], year: number, extra: Partial<CalendarInput> = {}, workingDays = bundledWorkingDays()): Plan {
  const input = testCalendar(tasks, extra);
  return compile(resolveCalendar(input.id, registryOf(input)), year, workingDays);
}
