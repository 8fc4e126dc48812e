import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UnitTier } from '@phongdich/core';
import { Alert, Button, LoadError, Loading } from '../../components/ui.js';
import { ShareBar } from './charts.js';
import { formatCount, formatInstant, formatLocalDate, formatShare } from './report-format.js';
import { ReportTable, type UiColumn } from './report-table.js';
import { ExportBar, tableDownloads, ToneBadge, type ReportFile } from './report-ui.js';
import { reportKeys, reportsApi, type ReportScope, type Submission, type SubmissionChild, type SubmissionsStatus } from './reports-api.js';
import { SubmissionSnapshot } from './submission-snapshot.js';
import { CHILD_STATUS_TONE, childrenByUrgency, completenessShare, completenessTone, ownState, ownTone, submitKind, type SubmitKind } from './submission-rules.js';
import { SubmitDialog } from './submit-dialog.js';
import { useDashboardsText, type DashboardsText } from './text.js';

function childColumns(text: DashboardsText, hrefFor: (code: string) => string, open: (id: string) => void): Array<UiColumn<SubmissionChild>> {
  return [
    { key: 'name', label: text.unit, kind: 'text', rowHeader: true, value: (c) => c.name, render: (c) => <Link to={hrefFor(c.code)}>{c.name}</Link> },
    {
      key: 'status',
      label: text.status,
      kind: 'text',
      value: (c) => text.childStatuses[c.status],
      render: (c) => <ToneBadge tone={CHILD_STATUS_TONE[c.status]}>{text.childStatuses[c.status]}</ToneBadge>,
    },
    { key: 'version', label: text.version, kind: 'count', value: (c) => c.submission?.version },
    { key: 'submittedAt', label: text.submittedAt, kind: 'instant', value: (c) => c.submission?.submittedAt },
    { key: 'submittedBy', label: text.submittedBy, kind: 'text', value: (c) => c.submission?.submittedByName },
    {
      key: 'open',
      label: text.sentReport,
      kind: 'text',
      noExport: true,
      value: () => null,
      render: (c) =>
        c.submission ? (
          <Button variant="link" onClick={() => c.submission && open(c.submission.id)}>
            {text.viewChildSubmission(c.name)}
          </Button>
        ) : null,
    },
  ];
}

/**
 * Submitting the period's deployment report upward, and for a district or province, which of its
 * units have submitted. Only the official's own unit can be submitted from here.
 */
export function SubmissionsTab({
  scope,
  tier,
  unitName,
  canSubmit,
  today,
  hrefFor,
  snapshotId,
  openSnapshot,
  file,
}: {
  scope: ReportScope;
  tier: UnitTier | undefined;
  unitName: string;
  canSubmit: boolean;
  today: string;
  hrefFor: (code: string) => string;
  snapshotId: string | null;
  openSnapshot: (id: string | null) => void;
  file: ReportFile;
}) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const status = useQuery({ queryKey: reportKeys.submissions(scope), queryFn: () => reportsApi.submissions(scope) });
  const [sent, setSent] = useState<Submission | null>(null);
  const [confirming, setConfirming] = useState<SubmitKind | null>(null);
  const columns = useMemo(() => childColumns(text, hrefFor, openSnapshot), [text, hrefFor, openSnapshot]);
  const children = useMemo(() => childrenByUrgency(status.data?.children ?? [], lang), [status.data, lang]);

  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  const { own, completeness, due } = status.data;
  const kind = tier ? submitKind(tier, own !== null) : null;
  const actionLabel = (k: SubmitKind) => (tier === 'province' && k === 'consolidate' ? text.consolidateProvince : text.submitActions[k]);
  const missing = children.filter((c) => c.status === 'missing').length;

  return (
    <>
      <ExportBar {...(children.length > 0 ? tableDownloads(file, columns, children) : {})} />
      {snapshotId && <SubmissionSnapshot key={snapshotId} id={snapshotId} onClose={() => openSnapshot(null)} />}
      <section aria-labelledby={`${id}-own`} className="report-own">
        <h2 id={`${id}-own`}>{text.ownReport(unitName)}</h2>
        {sent && <Alert kind="success">{text.submitDone(sent.version, formatInstant(sent.submittedAt))}</Alert>}
        <p>{text.due(formatLocalDate(due))}</p>
        <OwnStatus own={own} status={status.data} today={today} onOpen={openSnapshot} />
        {canSubmit && kind && (
          <p className="report-no-print">
            <Button
              variant={own ? 'secondary' : 'primary'}
              onClick={() => {
                setSent(null);
                setConfirming(kind);
              }}
            >
              {actionLabel(kind)}
            </Button>
          </p>
        )}
      </section>
      {(children.length > 0 || tier !== 'commune') && (
        <section aria-labelledby={`${id}-children`}>
          <div className="report-section-head">
            <h2 id={`${id}-children`}>{text.childrenTitle}</h2>
            {completeness.total > 0 && (
              <p className="report-completeness" data-testid="completeness">
                <ToneBadge tone={completenessTone(completeness)}>{text.completeness(formatCount(completeness.submitted, lang), formatCount(completeness.total, lang))}</ToneBadge>
                <ShareBar share={completenessShare(completeness)} label={formatShare(completenessShare(completeness), lang)} />
              </p>
            )}
          </div>
          <ReportTable caption={text.childrenTitle} columns={columns} rows={children} rowKey={(c) => c.code} empty={text.noChildren} testId="submission-children" />
        </section>
      )}
      {confirming && (
        <SubmitDialog
          kind={confirming}
          title={actionLabel(confirming)}
          scope={scope}
          due={due}
          today={today}
          missingChildren={missing}
          onClose={() => setConfirming(null)}
          onDone={(submission) => {
            setConfirming(null);
            setSent(submission);
          }}
        />
      )}
    </>
  );
}

function OwnStatus({ own, status, today, onOpen }: { own: Submission | null; status: SubmissionsStatus; today: string; onOpen: (id: string) => void }) {
  const { text } = useDashboardsText();
  const state = ownState(own, status.due, today);
  if (state.kind === 'missing' || !own) {
    return (
      <p data-testid="own-status">
        <ToneBadge tone={ownTone(state)}>{text.ownMissing}</ToneBadge>
        {state.kind === 'missing' && state.overdue && (
          <>
            {' '}
            <ToneBadge tone="danger">{text.overdue}</ToneBadge>
          </>
        )}
      </p>
    );
  }
  return (
    <div data-testid="own-status">
      <p>
        <ToneBadge tone={ownTone(state)}>{own.late ? text.ownLate : text.ownSubmitted}</ToneBadge>
      </p>
      <dl className="report-submit-facts">
        <div className="report-fact">
          <dt>{text.version}</dt>
          <dd>{own.version}</dd>
        </div>
        <div className="report-fact">
          <dt>{text.submittedAt}</dt>
          <dd>{formatInstant(own.submittedAt)}</dd>
        </div>
        <div className="report-fact">
          <dt>{text.submittedBy}</dt>
          <dd>{own.submittedByName}</dd>
        </div>
        {own.reason && (
          <div className="report-fact">
            <dt>{text.resubmitReason}</dt>
            <dd>{own.reason}</dd>
          </div>
        )}
      </dl>
      <p className="report-no-print">
        <Button variant="secondary" onClick={() => onOpen(own.id)}>
          {text.viewSubmission}
        </Button>
      </p>
    </div>
  );
}
