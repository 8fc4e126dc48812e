import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, LoadError, Loading } from '../../components/ui.js';
import { formatCount, formatLocalDate } from './report-format.js';
import { ReportTable, type UiColumn } from './report-table.js';
import { ExportBar, ReportDialog, tableDownloads, type ReportFile } from './report-ui.js';
import { reportKeys, reportsApi, type LaggingPlace, type LaggingReason, type LaggingUnit } from './reports-api.js';
import { remindBatches, remindPlan } from './reminders.js';
import { useDashboardsText, type DashboardsText } from './text.js';

const REASONS: LaggingReason[] = ['never', 'none_recently', 'falling'];

function placeColumns(text: DashboardsText): Array<UiColumn<LaggingPlace>> {
  return [
    { key: 'name', label: text.placeName, kind: 'text', rowHeader: true, value: (p) => p.name, render: (p) => <Link to={`/places/${encodeURIComponent(p.id)}`}>{p.name}</Link> },
    { key: 'communeName', label: text.commune, kind: 'text', value: (p) => p.communeName },
    { key: 'type', label: text.placeType, kind: 'text', value: (p) => text.placeTypes[p.type] ?? p.type },
    { key: 'reason', label: text.reason, kind: 'text', value: (p) => text.reasons[p.reason] },
    { key: 'lastScanDate', label: text.lastScan, kind: 'date', value: (p) => p.lastScanDate },
    { key: 'scansPrev7d', label: text.scansPrev7d, kind: 'count', value: (p) => p.scansPrev7d },
    { key: 'scansLast7d', label: text.scansLast7d, kind: 'count', value: (p) => p.scansLast7d },
    { key: 'ownerCount', label: text.owners, kind: 'count', value: (p) => p.ownerCount },
  ];
}

function unitColumns(text: DashboardsText, hrefFor: (code: string) => string): Array<UiColumn<LaggingUnit>> {
  return [
    { key: 'name', label: text.unit, kind: 'text', rowHeader: true, value: (u) => u.name, render: (u) => <Link to={hrefFor(u.code)}>{u.name}</Link> },
    { key: 'registered', label: text.registered, kind: 'count', value: (u) => u.registered },
    { key: 'active7d', label: text.active7d, kind: 'count', value: (u) => u.active7d },
    { key: 'activeShare', label: text.activeShare, kind: 'share', value: (u) => u.activeShare },
  ];
}

/** Places and units that scan little or not at all, and a reminder by SMS to the places' owners. */
export function LaggingTab({ unit, to, hrefFor, file }: { unit: string; to: string; hrefFor: (code: string) => string; file: ReportFile }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const report = useQuery({ queryKey: reportKeys.lagging(unit, to), queryFn: () => reportsApi.lagging(unit, to) });
  const [reason, setReason] = useState<LaggingReason | ''>('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [queued, setQueued] = useState<number | null>(null);
  const places = report.data?.places;
  const visible = useMemo(() => (places ?? []).filter((p) => !reason || p.reason === reason), [places, reason]);
  const chosen = visible.filter((p) => selected.has(p.id));
  const plan = remindPlan(chosen.length > 0 ? chosen : visible);
  const columns = useMemo(() => unitColumns(text, hrefFor), [text, hrefFor]);
  const placeCols = useMemo(() => placeColumns(text), [text]);

  const send = useMutation({
    mutationFn: async (placeIds: string[]) => {
      let total = 0;
      for (const batch of remindBatches(placeIds)) total += (await reportsApi.remind(batch)).queued;
      return total;
    },
    onSuccess: (total) => {
      setConfirming(false);
      setSelected(new Set());
      setQueued(total);
    },
  });

  const toggle = (placeId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(placeId);
    else next.delete(placeId);
    setSelected(next);
  };
  const allChosen = visible.length > 0 && chosen.length === visible.length;

  if (report.isPending) return <Loading />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const { units } = report.data;

  return (
    <>
      <ExportBar {...tableDownloads(file, placeCols, visible)} />
      <section aria-labelledby={`${id}-places`}>
        <h2 id={`${id}-places`}>{text.laggingTitle}</h2>
        <p className="muted">{text.laggingHelp(formatLocalDate(to))}</p>
        {queued !== null && (queued > 0 ? <Alert kind="success">{text.remindDone(formatCount(queued, lang))}</Alert> : <Alert kind="info">{text.remindNoneNew}</Alert>)}
        <div className="filters report-no-print">
          <div className="field">
            <label htmlFor={`${id}-reason`}>{text.reason}</label>
            <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as LaggingReason | '')}>
              <option value="">{text.allReasons}</option>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {text.reasons[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {visible.length === 0 ? (
          <p className="empty">{text.noLagging}</p>
        ) : (
          <>
            <div className="report-remind report-no-print">
              <p aria-live="polite">{chosen.length > 0 ? text.selectedCount(formatCount(chosen.length, lang)) : text.noneSelected(formatCount(visible.length, lang))}</p>
              <Button
                onClick={() => {
                  send.reset();
                  setQueued(null);
                  setConfirming(true);
                }}
              >
                {text.remind}
              </Button>
            </div>
            <ReportTable
              caption={text.laggingTitle}
              columns={placeCols}
              rows={visible}
              rowKey={(p) => p.id}
              testId="lagging-places"
              leading={{
                header: (
                  <input
                    type="checkbox"
                    className="report-check"
                    aria-label={text.selectAll}
                    checked={allChosen}
                    ref={(box) => {
                      if (box) box.indeterminate = chosen.length > 0 && !allChosen;
                    }}
                    onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...visible.map((p) => p.id)]) : new Set())}
                  />
                ),
                cell: (p) => (
                  <input type="checkbox" className="report-check" aria-label={text.selectPlace(p.name)} checked={selected.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                ),
              }}
            />
          </>
        )}
      </section>
      <section aria-labelledby={`${id}-units`}>
        <h2 id={`${id}-units`}>{text.laggingUnits}</h2>
        <ReportTable
          caption={text.laggingUnits}
          columns={columns}
          rows={units}
          rowKey={(u) => u.code}
          initialSort={{ key: 'activeShare', dir: 'asc' }}
          empty={text.noLaggingUnits}
          testId="lagging-units"
        />
      </section>
      {confirming && (
        <ReportDialog title={text.remindTitle} onClose={() => setConfirming(false)}>
          {plan.placeIds.length > 0 ? (
            <p>{text.remindMessage(formatCount(plan.messages, lang), formatCount(plan.placeIds.length, lang))}</p>
          ) : (
            <p>{text.remindNothing}</p>
          )}
          {plan.placeIds.length > 0 && plan.withoutOwner > 0 && <p className="muted">{text.remindNoOwner(formatCount(plan.withoutOwner, lang))}</p>}
          {plan.placeIds.length > 0 && <p className="muted">{text.remindOncePerDay}</p>}
          {send.isError && <LoadError error={send.error} />}
          <div className="form-actions">
            <Button disabled={plan.placeIds.length === 0 || send.isPending} onClick={() => send.mutate(plan.placeIds)}>
              {send.isPending ? text.remindSending : text.remindConfirm}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {text.cancel}
            </Button>
          </div>
        </ReportDialog>
      )}
    </>
  );
}
