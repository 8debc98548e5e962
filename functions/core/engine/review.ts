/**
 * The policy office's review of a submission. Accepting counts it as done; rejecting (with a reason)
 * takes it out of the count, reopens the occurrence and tells the office by e-mail.
 */
import { randomUUID } from 'node:crypto';
import type { AuditActor, AuditEntry } from '../access/audit.js';
import { localDateTime } from '../civil-date.js';
import { policyName } from '../email/reminder-mail.js';
import { escapeHtml } from '../email/render.js';
import { uploadUrl } from './links.js';
import { deliverMail } from './outbox.js';
import { ConflictError, type EngineDeps, NotFoundError, RequestRejectedError } from './ports.js';
import { type MailRecord, pendingMail, type SubmissionRecord } from './records.js';
import { countChange, todayFor } from './uploads.js';

export interface ReviewRequest {
  occurrenceId: string;
  submissionId: string;
  decision: 'accept' | 'reject';
  reason?: string | undefined;
  reviewer: string;
  /** Who asked and from where: the decision is committed with its audit entry. */
  audit?: { actor: AuditActor; source: string };
}

/** The reviewed submission; for a rejection, whether the office was told (it is not when it left the plan or has no address). */
export type ReviewResult = SubmissionRecord & { notified: boolean };

export async function reviewSubmission(deps: EngineDeps, request: ReviewRequest, now: Date): Promise<ReviewResult> {
  const status: SubmissionRecord['status'] = request.decision === 'accept' ? 'accepted' : 'rejected';
  const reason = request.reason?.trim() || null;
  if (status === 'rejected' && !reason) throw new RequestRejectedError('a rejection needs a reason the office can act on', 'reason');

  for (let attempt = 1; ; attempt += 1) {
    const submission = await deps.store.submissions.get(request.occurrenceId, request.submissionId);
    if (!submission) throw new NotFoundError(`no submission "${request.submissionId}" for occurrence "${request.occurrenceId}"`);
    if (submission.status === status) return { ...submission, notified: false };
    const occurrence = await deps.store.occurrences.get(request.occurrenceId);
    if (!occurrence) throw new NotFoundError(`no occurrence "${request.occurrenceId}"`);
    const delta = {
      submitted: (status === 'rejected' ? -1 : 0) + (submission.status === 'rejected' ? 1 : 0),
      accepted: (status === 'accepted' ? 1 : 0) - (submission.status === 'accepted' ? 1 : 0),
    };
    const today = await todayFor(deps.store, occurrence.calendar, now);
    const reviewedAt = now.toISOString();
    const reviewed: SubmissionRecord = { ...submission, status, reason, reviewedBy: request.reviewer, reviewedAt };
    // The rejection notice is committed with the review itself: the office is told exactly once, or the review did not happen.
    const notice = status === 'rejected' ? await rejectionNotice(deps, reviewed, today, now) : null;
    try {
      await deps.store.submissions.commitReview(
        {
          occurrenceId: occurrence.id,
          submissionId: submission.submissionId,
          expectedStatus: submission.status,
          status,
          reason,
          reviewedBy: request.reviewer,
          reviewedAt,
          ...(request.audit ? { audit: reviewEntry(request.audit, reviewed, submission.status, occurrence.year) } : {}),
        },
        countChange(occurrence, delta, deps.policy, today, deps.clock()),
        notice ?? undefined,
      );
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
    if (notice) {
      try {
        await deliverMail(deps, notice.id);
      } catch {
        // It is in the outbox: the next sweep sends it.
      }
    }
    return { ...reviewed, notified: notice !== null };
  }
}

/** The audit entry of a decision: who, when, the item, the state before and after, the source. */
function reviewEntry(audit: NonNullable<ReviewRequest['audit']>, reviewed: SubmissionRecord, before: SubmissionRecord['status'], year: number): AuditEntry {
  return {
    id: randomUUID(),
    at: reviewed.reviewedAt!,
    actor: audit.actor,
    action: reviewed.status === 'accepted' ? 'review.accept' : 'review.reject',
    occurrenceId: reviewed.occurrenceId,
    calendar: reviewed.calendar,
    year,
    subject: `submission ${reviewed.submissionId}`,
    before,
    after: `${reviewed.status}${reviewed.reason ? `: ${reviewed.reason}` : ''}`,
    source: audit.source,
  };
}

/** The mail that tells the office its evidence was sent back; null when there is nobody to tell (the office left the plan, or has no address). */
async function rejectionNotice(deps: EngineDeps, submission: SubmissionRecord, today: string, now: Date): Promise<MailRecord | null> {
  const calendar = await deps.store.calendars.get(submission.calendar);
  const office = calendar?.offices.find((o) => o.id === submission.office);
  if (!calendar || !office || office.emails.length === 0) return null;
  const link = await uploadUrl(deps.links, calendar.id, office.id, now);
  const subject = `【材料退回】${office.name}：${submission.title}`;
  const lines = [
    `${office.name}：`,
    // Why the calendar's zone: createdAt is UTC; an upload at 07:30 in Suzhou is still "yesterday" in UTC.
    `贵处室于${localDateTime(submission.createdAt, calendar.timeZone).slice(0, 10)}报送的“${submission.title}”佐证材料（${submission.files.map((f) => f.name).join('、')}）已被${policyName(calendar)}退回。`,
    `退回原因：${submission.reason}`,
    `请补充或重新上传：${link}`,
  ];
  return pendingMail(
    {
      id: `rejection#${submission.submissionId}#${submission.reviewedAt}`,
      kind: 'rejection',
      calendar: calendar.id,
      office: office.id,
      day: today,
      to: office.emails,
      cc: [],
      subject,
      text: lines.join('\n'),
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>${lines.map((l) => `<p>${escapeHtml(l).replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`)}</p>`).join('')}</body></html>`,
      occurrenceIds: [submission.occurrenceId],
    },
    deps.clock(),
  );
}
