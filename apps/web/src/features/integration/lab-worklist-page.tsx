import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LabResult, LabResultStatus } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

const WORKLIST_FILTERS = ['', 'pending', 'unmatched', 'mismatch', 'applied', 'recorded', 'dismissed'] as const;
const REASONS = ['unknown_person', 'id_number_ambiguous', 'id_number_and_phone_disagree'];

/**
 * Lab results the laboratories sent that wait for a health official: to confirm before they change a case,
 * or that matched nobody (or two people) and need the official to name the case or dismiss them.
 */
export function LabWorklistPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<LabResultStatus | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const results = useQuery({ queryKey: ['lab-results', status], queryFn: () => api<{ items: LabResult[] }>('GET', `/api/v1/integration/lab-results${query({ status })}`) });
  return (
    <Page title={t('labs.title')}>
      <Alert kind="info">{t('labs.intro')}</Alert>
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="filters">
        <SelectField label={t('labs.filter')} value={status} onChange={(e) => setStatus(e.target.value as LabResultStatus | '')}>
          {WORKLIST_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(s ? `labs.status.${s}` : 'labs.waiting')}
            </option>
          ))}
        </SelectField>
      </div>
      {results.isPending && <Loading />}
      {results.isError && <LoadError error={results.error} onRetry={() => void results.refetch()} />}
      {results.data && (results.data.items.length === 0 ? <p className="empty">{t('labs.empty')}</p> : <LabTable items={results.data.items} onDone={setNotice} />)}
    </Page>
  );
}

function LabTable({ items, onDone }: { items: LabResult[]; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="lab-results-table">
        <TableHead columns={[t('labs.received'), t('labs.patient'), t('labs.test'), t('labs.result'), t('labs.status.label'), t('labs.action')]} />
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                {formatDateTime(r.receivedAt)}
                <div className="muted">{r.apiKeyName}</div>
              </td>
              <td>
                {r.patientName}
                <div className="muted">{r.matchedBy ? t(`labs.matchedBy.${r.matchedBy}`) : t('labs.notMatched')}</div>
              </td>
              <td>
                {r.testName}
                <div className="muted code">
                  {r.issuer} · {r.resultId}
                </div>
              </td>
              <td>
                {t(`labs.value.${r.result}`)}
                <div className="muted">{t('labs.specimen', { date: r.specimenDate })}</div>
              </td>
              <td>
                {t(`labs.status.${r.status}`)}
                {r.caseCode && <div className="code">{r.caseCode}</div>}
                {r.reason && <div className="muted">{REASONS.includes(r.reason) ? t(`labs.reason.${r.reason}`) : r.reason}</div>}
              </td>
              <td>{['pending', 'unmatched', 'mismatch'].includes(r.status) && <Resolve item={r} onDone={onDone} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Resolve({ item, onDone }: { item: LabResult; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [caseCode, setCaseCode] = useState('');
  const resolve = useMutation({
    mutationFn: (body: { action: 'apply' | 'dismiss'; caseCode?: string }) => api<LabResult>('POST', `/api/v1/integration/lab-results/${item.id}/resolve`, body),
    onSuccess: (done) => {
      void client.invalidateQueries({ queryKey: ['lab-results'] });
      onDone(done.status === 'dismissed' ? t('labs.dismissed', { id: done.resultId }) : t('labs.applied', { id: done.resultId, code: done.caseCode ?? '—' }));
    },
  });
  // Someone must be named before a result that matched nobody can be applied.
  const needsCase = item.personId === null;
  return (
    <div>
      {resolve.isError && <Alert kind="error">{resolve.error.message}</Alert>}
      <TextField label={t('labs.caseCode')} help={needsCase ? t('labs.caseCodeNeeded') : t('labs.caseCodeHelp')} value={caseCode} onChange={(e) => setCaseCode(e.target.value)} placeholder="BN-00012" />
      <div className="form-actions">
        <Button disabled={resolve.isPending || (needsCase && !caseCode.trim())} onClick={() => resolve.mutate({ action: 'apply', ...(caseCode.trim() ? { caseCode: caseCode.trim() } : {}) })}>
          {t('labs.apply')}
        </Button>
        <Button variant="secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ action: 'dismiss' })}>
          {t('labs.dismiss')}
        </Button>
      </div>
    </div>
  );
}
