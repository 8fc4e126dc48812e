import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DECLARATION_KINDS, type DeclarationSummary } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { DeclarationDetail } from '../../components/declaration-detail.js';

type Filters = Record<string, string>;

/** Officials look declarations up exactly (phone, ID number, full name) and filter by form, date and risk. */
export function DeclarationsSearchPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Filters>({ phone: '', idNumber: '', name: '', kind: '', flagged: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['declarations', filters],
    queryFn: () => api<{ items: DeclarationSummary[]; total: number }>('GET', `/api/v1/declarations${query({ ...filters, limit: 100 })}`),
    enabled: filters !== null,
  });
  const detail = useQuery({
    queryKey: ['declaration', openId],
    queryFn: () => api<{ summary: DeclarationSummary; declaration: Record<string, unknown> }>('GET', `/api/v1/declarations/${openId}`),
    enabled: openId !== null,
  });
  const set = (key: string) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    setOpenId(null);
    setFilters(Object.fromEntries(Object.entries(form).filter(([, v]) => v)));
  }
  return (
    <Page
      title={t('review.searchTitle')}
      actions={
        filters && (
          <a className="btn btn-secondary" href={`/api/v1/declarations/export.xlsx${query(filters)}`}>
            {t('places.exportXlsx')}
          </a>
        )
      }
    >
      <p className="lead">{t('review.searchHelp')}</p>
      <form className="card" onSubmit={submit} role="search">
        <div className="grid-2">
          <TextField label={t('review.phone')} type="tel" value={form.phone} onChange={set('phone')} />
          <TextField label={t('review.idNumber')} value={form.idNumber} onChange={set('idNumber')} />
          <TextField label={t('review.name')} value={form.name} onChange={set('name')} />
          <SelectField label={t('review.kind')} value={form.kind} onChange={set('kind')}>
            <option value="">{t('review.allKinds')}</option>
            {DECLARATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`review.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('review.from')} type="date" value={form.from} onChange={set('from')} />
          <TextField label={t('review.to')} type="date" value={form.to} onChange={set('to')} />
        </div>
        <label className="check">
          <input type="checkbox" checked={form.flagged === 'true'} onChange={(e) => setForm({ ...form, flagged: e.target.checked ? 'true' : '' })} />
          {t('review.flaggedOnly')}
        </label>
        <Button type="submit">{t('review.find')}</Button>
      </form>
      {results.isFetching && <Loading />}
      {results.isError && <LoadError error={results.error} />}
      {results.data && (
        <>
          <p className="muted">{t('review.results', { n: formatNumber(results.data.total) })}</p>
          <div className="table-wrap">
            <table className="data-table" data-testid="declarations-table">
              <TableHead columns={[t('review.submittedAt'), t('review.kind'), t('review.person'), t('review.commune'), t('review.flags')]} actions={t('review.open')} />
              <tbody>
                {results.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.submittedAt)}</td>
                    <td>{t(`review.kinds.${d.kind}`)}</td>
                    <td>
                      {d.fullName}
                      <div className="muted code">{d.phone?.replace(/^\+84/, '0')}</div>
                    </td>
                    <td>{d.communeName}</td>
                    <td>{d.flagReasons.map((r) => t(`review.reasons.${r}`)).join(', ') || '—'}</td>
                    <td>
                      <Button variant="link" onClick={() => setOpenId(d.id)}>
                        {t('review.open')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {openId && detail.isPending && <Loading />}
      {detail.isError && <Alert kind="error">{detail.error.message}</Alert>}
      {detail.data && openId && (
        <section className="card" aria-labelledby="declaration-detail-title">
          <h2 id="declaration-detail-title">{t('review.detail')}</h2>
          <DeclarationDetail record={detail.data.declaration} />
        </section>
      )}
    </Page>
  );
}
