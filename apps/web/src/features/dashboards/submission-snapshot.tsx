import { useEffect, useId, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, LoadError, Loading } from '../../components/ui.js';
import { DeploymentTables } from './deployment-tab.js';
import { formatInstant, formatPeriod } from './report-format.js';
import { ReportTable } from './report-table.js';
import { ToneBadge } from './report-ui.js';
import { reportKeys, reportsApi, type SubmissionChildRef } from './reports-api.js';
import { CHILD_STATUS_TONE } from './submission-rules.js';
import { useDashboardsText } from './text.js';

/** A report as it was submitted: who sent it and when, and the frozen figures. */
export function SubmissionSnapshot({ id, onClose }: { id: string; onClose: () => void }) {
  const { text } = useDashboardsText();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const submission = useQuery({ queryKey: reportKeys.submission(id), queryFn: () => reportsApi.submission(id), staleTime: Infinity });
  const loaded = Boolean(submission.data);
  useEffect(() => {
    // Opening a report moves focus to it, so keyboard and screen-reader users land on what they asked for.
    if (loaded) heading.current?.focus();
  }, [loaded]);

  if (submission.isPending) return <Loading />;
  if (submission.isError) return <LoadError error={submission.error} onRetry={() => void submission.refetch()} />;
  const s = submission.data;
  const children = s.snapshot.children ?? [];
  return (
    <section className="report-snapshot card" aria-labelledby={headingId} data-testid="submission-snapshot">
      <div className="report-snapshot-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {text.snapshotTitle(s.unitName, formatPeriod(s.from, s.to), s.version)}
        </h2>
        <Button variant="secondary" className="report-no-print" onClick={onClose}>
          {text.closeSnapshot}
        </Button>
      </div>
      <dl className="report-submit-facts">
        <div className="report-fact">
          <dt>{text.submittedAt}</dt>
          <dd>
            {formatInstant(s.submittedAt)} <ToneBadge tone={s.late ? 'warning' : 'success'}>{s.late ? text.lateMark : text.onTimeMark}</ToneBadge>
          </dd>
        </div>
        <div className="report-fact">
          <dt>{text.submittedBy}</dt>
          <dd>{s.submittedByName}</dd>
        </div>
        {s.reason && (
          <div className="report-fact">
            <dt>{text.resubmitReason}</dt>
            <dd>{s.reason}</dd>
          </div>
        )}
      </dl>
      <DeploymentTables report={s.snapshot} level={3} />
      {children.length > 0 && (
        <section>
          <h3>{text.snapshotChildren}</h3>
          <ReportTable<SubmissionChildRef>
            caption={text.snapshotChildren}
            columns={[
              { key: 'name', label: text.unit, kind: 'text', rowHeader: true, value: (c) => c.name },
              {
                key: 'status',
                label: text.status,
                kind: 'text',
                value: (c) => text.childStatuses[c.status],
                render: (c) => <ToneBadge tone={CHILD_STATUS_TONE[c.status]}>{text.childStatuses[c.status]}</ToneBadge>,
              },
            ]}
            rows={children}
            rowKey={(c) => c.code}
          />
        </section>
      )}
    </section>
  );
}
