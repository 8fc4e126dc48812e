import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EXPOSURE_TEST_TYPES, type ExposureCodeIssued, type ExposureTestType } from '@phongdich/core';
import { Alert, Button, LoadError, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { bluezoneApi } from './bluezone-api.js';
import { useBluezoneText } from './text.js';
import './bluezone.css';

const EMPTY = { caseCode: '', testType: 'confirmed' as ExposureTestType, symptomDate: '', testDate: '' };

/** Health officials: issue one-time codes for confirmed cases, see which were used, publish keys now. */
export function BluezoneCodesPage({ canExport }: { canExport: boolean }) {
  const { text } = useBluezoneText();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [issued, setIssued] = useState<ExposureCodeIssued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codes = useQuery({ queryKey: ['exposure', 'codes'], queryFn: bluezoneApi.codes });
  const shares = useQuery({ queryKey: ['exposure', 'shares'], queryFn: bluezoneApi.unlinkedShares });
  const info = useQuery({ queryKey: ['exposure', 'exports'], queryFn: bluezoneApi.exports });
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  const issue = useMutation({
    mutationFn: async () => {
      let caseId: string | undefined;
      if (form.caseCode.trim()) {
        const found = (await bluezoneApi.findCase(form.caseCode.trim())).items[0];
        if (!found) throw new ApiError(404, 'case_not_found', text.caseNotFound, 'caseCode');
        caseId = found.id;
      }
      return bluezoneApi.issueCode({ testType: form.testType, ...(caseId ? { caseId } : {}), ...(form.symptomDate ? { symptomDate: form.symptomDate } : {}), ...(form.testDate ? { testDate: form.testDate } : {}) });
    },
    onSuccess: (code) => {
      setIssued(code);
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: ['exposure', 'codes'] });
    },
    onError: (failure) => setError(failure instanceof Error ? failure.message : String(failure)),
  });
  const publish = useMutation({ mutationFn: bluezoneApi.runExport, onSuccess: () => void client.invalidateQueries({ queryKey: ['exposure', 'exports'] }) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setIssued(null);
    issue.mutate();
  }

  return (
    <Page title={text.codesTitle}>
      <p className="lead">{text.codesIntro}</p>
      <form className="card" onSubmit={submit} noValidate aria-label={text.issue}>
        {error && <Alert kind="error">{error}</Alert>}
        <div className="grid-2">
          <TextField label={text.caseCode} help={text.caseCodeHelp} value={form.caseCode} onChange={set('caseCode')} />
          <SelectField label={text.testType} value={form.testType} onChange={set('testType')}>
            {EXPOSURE_TEST_TYPES.map((t) => (
              <option key={t} value={t}>
                {text.testTypes[t]}
              </option>
            ))}
          </SelectField>
          <TextField label={text.symptomDate} type="date" value={form.symptomDate} onChange={set('symptomDate')} />
          <TextField label={text.testDate} type="date" value={form.testDate} onChange={set('testDate')} />
        </div>
        <Button type="submit" disabled={issue.isPending}>
          {issue.isPending ? text.issuing : text.issue}
        </Button>
      </form>

      {issued && (
        <section className="card" aria-labelledby="bz-issued-title" data-testid="issued-code">
          <h2 id="bz-issued-title">{text.issuedTitle}</h2>
          {issued.caseCode && <p>{text.issuedFor(issued.caseCode)}</p>}
          <p className="bz-code">
            {issued.shortCode.slice(0, 4)} {issued.shortCode.slice(4)}
          </p>
          <p>{text.shortExpires(formatDateTime(issued.shortExpiresAt))}</p>
          <h3>{text.longCode}</h3>
          <p className="bz-link">{issued.link}</p>
          <p className="muted">
            {text.longExpires(formatDateTime(issued.longExpiresAt))} {text.shownOnce}
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="bz-export-title">
        <h2 id="bz-export-title">{text.exportTitle}</h2>
        {info.data && <p>{info.data.lastExportAt ? text.lastExport(formatDateTime(info.data.lastExportAt)) : text.neverExported}</p>}
        {publish.data && <Alert kind="success">{text.exported(publish.data.keys, publish.data.files.length)}</Alert>}
        {publish.error && <LoadError error={publish.error} />}
        {canExport && (
          <Button variant="secondary" onClick={() => publish.mutate()} disabled={publish.isPending}>
            {text.exportNow}
          </Button>
        )}
      </section>

      <section className="card" aria-labelledby="bz-recent-title">
        <h2 id="bz-recent-title">{text.recentTitle}</h2>
        {codes.isError && <LoadError error={codes.error} onRetry={() => void codes.refetch()} />}
        {codes.data && codes.data.items.length === 0 && <p className="empty">{text.recentEmpty}</p>}
        {codes.data && codes.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <TableHead columns={[text.columns.issuedAt, text.columns.issuedBy, text.columns.caseCode, text.columns.testType, text.columns.state]} />
              <tbody>
                {codes.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.issuedAt)}</td>
                    <td>{c.issuedBy}</td>
                    <td>{c.caseCode ?? '—'}</td>
                    <td>{text.testTypes[c.testType]}</td>
                    <td>{text.states[c.state]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {shares.data && shares.data.items.length > 0 && (
        <section className="card" aria-labelledby="bz-shares-title">
          <h2 id="bz-shares-title">{text.sharesTitle}</h2>
          <p className="muted">{text.sharesHelp}</p>
          <ul>
            {shares.data.items.map((s) => (
              <li key={s.id}>
                {s.displayName} · {s.phone ?? '—'} · {formatDate(Date.parse(`${s.exposureDate}T12:00:00Z`))} · {formatNumber(Math.round(s.weightedMinutes))}′ · {s.level === 'high' ? text.riskHigh : text.riskLow}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
