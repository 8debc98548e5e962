/**
 * Metrics as CloudWatch Embedded Metric Format (EMF): one JSON line per run, written through the
 * runtime's log. CloudWatch Logs turns the line into metrics of the `Fazhi` namespace: no API call, no
 * permission, no latency, and the numbers sit next to the run's own log line.
 *
 * Every metric carries one dimension, `Service` (the stack's name, METRICS_SERVICE), so two stacks in one
 * account never mix their counts; the stack's alarms name the same dimension.
 *
 * The line is written at level `info`: a function whose LOG_LEVEL is raised above it writes no metrics,
 * and its heartbeat alarm says so (the stack never sets LOG_LEVEL).
 */
import type { Log } from './log.js';

export const METRICS_NAMESPACE = 'Fazhi';
/** The dimension every metric carries; its value is the service (stack) name. */
export const METRICS_DIMENSION = 'Service';
export const DEFAULT_METRICS_SERVICE = 'fazhi';

/** Every metric the functions emit (all counts). The stack's alarms name them from this list. */
export const METRIC = {
  /** Mails the transport accepted (sweep, digest). */
  mailsSent: 'MailsSent',
  /** Mails the transport refused or could not take, this run (transient or permanent). */
  mailsFailed: 'MailsFailed',
  /** Mails sent whose "sent" mark the store did not take. */
  mailsUnconfirmed: 'MailsUnconfirmed',
  /** Occurrences (or calendars) the sweep could not process; recorded on the item. */
  itemErrors: 'ItemErrors',
  /** 1 each time a sweep ran to its end (in AWS: one calendar's worker): the heartbeat. */
  sweepCompleted: 'SweepCompleted',
  /** Calendars the scheduled sweep queued for its workers. */
  sweepsQueued: 'SweepsQueued',
  /** Calendars a worker could not sweep this time (the message goes back to the queue, then the DLQ). */
  calendarSweepsFailed: 'CalendarSweepsFailed',
  /** 1 each time a digest run ran to its end. */
  digestCompleted: 'DigestCompleted',
  uploadsRecorded: 'UploadsRecorded',
  /** Objects the engine will not count (outside the limits, not granted). */
  uploadsRejected: 'UploadsRejected',
  /** Objects that could not be recorded this time (thrown for Lambda to retry). */
  uploadsFailed: 'UploadsFailed',
  /** Addresses marked after a bounce or complaint. */
  mailBounces: 'MailBounces',
  mailComplaints: 'MailComplaints',
  /** Evidence objects with no submission record (daily reconciliation). */
  evidenceUnrecorded: 'EvidenceUnrecorded',
  /** Evidence files recorded with no object in the bucket (daily reconciliation). */
  evidenceMissing: 'EvidenceMissing',
  reconcileCompleted: 'ReconcileCompleted',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Emits counts (one EMF line); `properties` are extra fields of the line, searchable in Logs Insights, not metrics. */
export type Metrics = (values: Partial<Record<MetricName, number>>, properties?: Record<string, unknown>) => void;

export function emfMetrics(log: Log, service: string = DEFAULT_METRICS_SERVICE): Metrics {
  return (values, properties = {}) => {
    const names = (Object.keys(values) as MetricName[]).filter((name) => Number.isFinite(values[name]));
    if (names.length === 0) return;
    const counts = Object.fromEntries(names.map((name) => [name, values[name]]));
    log('info', 'metrics', {
      ...properties,
      _aws: {
        // Why the wall clock and not the run's clock: CloudWatch drops points more than two weeks old.
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[METRICS_DIMENSION]], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) }],
      },
      [METRICS_DIMENSION]: service,
      ...counts,
    });
  };
}

/** The EMF lines among log output (tests, local checks): each parsed, with its metric values. */
export function emfLinesOf(lines: readonly string[]): { values: Record<string, number>; line: Record<string, unknown> }[] {
  const found: { values: Record<string, number>; line: Record<string, unknown> }[] = [];
  for (const text of lines) {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    const aws = line._aws as { CloudWatchMetrics?: { Metrics: { Name: string }[] }[] } | undefined;
    if (!aws?.CloudWatchMetrics) continue;
    const values = Object.fromEntries(aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map(({ Name }) => [Name, Number(line[Name])])));
    found.push({ values, line });
  }
  return found;
}
