import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COUNTRIES, type RiskSettings } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, TextField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { currentLanguage } from '../../lib/i18n/index.js';

/** Health officials mark affected countries and units; declarations from there are flagged. */
export function RiskSettingsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['risk-settings'], queryFn: () => api<RiskSettings>('GET', '/api/v1/risk-settings') });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadError error={settings.error} />;
  return (
    <Page title={t('review.settingsTitle')}>
      <p className="lead">{t('review.settingsHelp')}</p>
      <SettingsForm initial={settings.data} canEdit={canEdit} />
    </Page>
  );
}

function SettingsForm({ initial, canEdit }: { initial: RiskSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const [countries, setCountries] = useState(new Set(initial.affectedCountries));
  const [units, setUnits] = useState(initial.affectedUnits.join(', '));
  const [filter, setFilter] = useState('');
  const save = useMutation({ mutationFn: (body: RiskSettings) => api<RiskSettings>('PUT', '/api/v1/risk-settings', body) });
  const lang = currentLanguage();
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ affectedCountries: [...countries].sort(), affectedUnits: units.split(/[\s,;]+/).filter(Boolean) });
  }
  const shown = COUNTRIES.filter((c) => !filter || c[lang].toLowerCase().includes(filter.toLowerCase()));
  return (
    <form className="card" onSubmit={submit}>
      {save.isSuccess && <Alert kind="success">{t('review.saved')}</Alert>}
      {save.isError && <Alert kind="error">{save.error.message}</Alert>}
      <fieldset className="fieldset" disabled={!canEdit}>
        <legend>{t('review.countries')}</legend>
        <TextField label={t('app.search')} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div className="country-list">
          {shown.map((c) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                checked={countries.has(c.code)}
                onChange={(e) => {
                  const next = new Set(countries);
                  if (e.target.checked) next.add(c.code);
                  else next.delete(c.code);
                  setCountries(next);
                }}
              />
              {c[lang]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField label={t('review.units')} value={units} disabled={!canEdit} onChange={(e) => setUnits(e.target.value)} />
      {canEdit && <Button type="submit">{t('app.save')}</Button>}
    </form>
  );
}
