import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, LoadError } from '../../components/ui.js';
import { ApiError } from '../../lib/api.js';
import { activeShareOf } from './dashboard-rules.js';
import { formatCount, formatDecimal, formatLocalDate, formatPeriod, formatShare } from './report-format.js';
import { ReportDialog } from './report-ui.js';
import { reportKeys, reportsApi, type ReportScope, type SubmissionWithSnapshot } from './reports-api.js';
import { needsReason, type SubmitKind } from './submission-rules.js';
import { useDashboardsText } from './text.js';

/**
 * Confirms sending the period's deployment report: shows the totals that will be frozen, says when
 * it will count as late or leaves children out, and asks for a reason when it is a new version.
 */
export function SubmitDialog({
  kind,
  title,
  scope,
  due,
  today,
  missingChildren,
  onDone,
  onClose,
}: {
  kind: SubmitKind;
  title: string;
  scope: ReportScope;
  due: string;
  today: string;
  missingChildren: number;
  onDone: (submission: SubmissionWithSnapshot) => void;
  onClose: () => void;
}) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const asksReason = needsReason(kind);
  const report = useQuery({ queryKey: reportKeys.deployment(scope), queryFn: () => reportsApi.deployment(scope) });
  const submit = useMutation({
    mutationFn: (why: string) => reportsApi.submit(scope, why || undefined),
    onSuccess: (submission) => {
      void client.invalidateQueries({ queryKey: reportKeys.all });
      onDone(submission);
    },
    onError: (error) => {
      // Someone else may have sent this period meanwhile: the server then asks for a reason.
      if (error instanceof ApiError && error.field === 'reason') setReasonError(true);
    },
  });
  const showReason = asksReason || reasonError;
  const send = () => {
    const why = reason.trim();
    if (showReason && !why) {
      setReasonError(true);
      return;
    }
    submit.mutate(why);
  };
  const total = report.data?.total;
  const figures: Array<[string, string]> = total
    ? [
        [text.required, formatCount(total.required, lang)],
        [text.registered, formatCount(total.registered, lang)],
        [text.shareRegistered, formatShare(total.shareRegistered, lang)],
        [text.active7d, formatCount(total.active7d, lang)],
        [text.activeShare, formatShare(activeShareOf(total), lang)],
        [text.scansPerDay, formatDecimal(total.scansPerDay, lang)],
        [text.neverScanned, formatCount(total.neverScanned, lang)],
      ]
    : [];
  const serverError = submit.error && !(submit.error instanceof ApiError && submit.error.field === 'reason') ? submit.error : null;

  return (
    <ReportDialog title={title} onClose={onClose}>
      <p>{text.submitIntro(formatPeriod(scope.from, scope.to))}</p>
      {report.isPending && <p className="loading">{text.submitLoadingTotals}</p>}
      {report.isError && <LoadError error={report.error} onRetry={() => void report.refetch()} />}
      {total && (
        <dl className="report-submit-facts" data-testid="submit-totals">
          {figures.map(([label, value]) => (
            <div key={label} className="report-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {missingChildren > 0 && <p className="alert alert-warning">{text.submitMissingChildren(formatCount(missingChildren, lang))}</p>}
      {today > due && <p className="alert alert-warning">{text.submitLate(formatLocalDate(due))}</p>}
      <p className="muted">{text.submitFrozen}</p>
      {showReason && (
        <div className={`field${reasonError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-reason`}>{text.resubmitReason}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonError(false);
            }}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-reason-error` : undefined}
          />
          {reasonError && (
            <p className="field-error" id={`${id}-reason-error`} role="alert">
              {text.reasonNeeded}
            </p>
          )}
        </div>
      )}
      {serverError && <LoadError error={serverError} />}
      <div className="form-actions">
        <Button disabled={submit.isPending || !total} onClick={send}>
          {submit.isPending ? text.submitting : text.submitConfirm}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {text.cancel}
        </Button>
      </div>
    </ReportDialog>
  );
}
