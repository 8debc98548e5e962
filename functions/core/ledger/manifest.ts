/** Every evidence file of the ledger, as JSON and as a `sha256sum -c` checklist keyed by S3 key. */
import type { SubmissionStatus } from '../engine/records.js';
import type { BoardView } from '../engine/views.js';
import type { OfficeLedger } from './model.js';

export interface ManifestEntry {
  office: string;
  officeName: string;
  task: string;
  title: string;
  period: string;
  occurrenceId: string;
  submissionId: string;
  effectiveDate: string;
  name: string;
  key: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The object version recorded at upload (AWS): the one downloads read and the SHA-256 is of. */
  versionId?: string;
  uploadedAt: string;
  reviewStatus: SubmissionStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface Manifest {
  calendar: string;
  organisation: string;
  title: string;
  year: number;
  generatedOn: string;
  office: string | null;
  files: ManifestEntry[];
}

export function manifestOf(board: BoardView, ledgers: OfficeLedger[], office: string | null): Manifest {
  const files = ledgers.flatMap((l) =>
    l.cells.flatMap((c) =>
      [...c.submissions]
        .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.submissionId.localeCompare(b.submissionId))
        .flatMap((s) =>
          s.files.map((f) => ({
            office: l.office.id,
            officeName: l.office.name,
            task: c.task,
            title: c.title,
            period: c.period,
            occurrenceId: c.id,
            submissionId: s.submissionId,
            effectiveDate: s.effectiveDate,
            name: f.name,
            key: f.key,
            contentType: f.contentType,
            size: f.size,
            sha256: f.sha256,
            ...(f.versionId ? { versionId: f.versionId } : {}),
            uploadedAt: f.uploadedAt,
            reviewStatus: s.status,
            reviewedBy: s.reviewedBy,
            reviewedAt: s.reviewedAt,
          })),
        ),
    ),
  );
  return { calendar: board.calendar.id, organisation: board.calendar.organisation, title: board.calendar.title, year: board.year, generatedOn: board.today, office, files };
}

/** GNU sha256sum text format: "<hash>  <path>"; a path with \ or a newline is escaped and the line starts with \. */
export function sha256sumLines(manifest: Manifest): string {
  return manifest.files
    .map((f) => {
      const escaped = f.key.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      return `${escaped === f.key ? '' : '\\'}${f.sha256}  ${escaped}\n`;
    })
    .join('');
}
