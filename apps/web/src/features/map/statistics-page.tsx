import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unitStatisticsSchema } from '@phongdich/core';
import { Button, LoadError, Loading, Page, TextField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { validate, type FieldErrors } from '../../lib/forms.js';
import { ApiError } from '../../lib/api.js';
import { mapApi, mapKeys, type StatisticsItem } from './map-api.js';
import { formatDecimal, parseDecimal, parseWhole } from './map-format.js';
import { nameMatches } from './risk-sort.js';
import { useMapText } from './text.js';

/**
 * The figures a commune's level is computed from, typed per commune: population (for the rate per
 * 100,000), vaccination coverage and whether treatment capacity still meets needs.
 */
export function StatisticsPage({ within }: { within: string }) {
  const { text } = useMapText();
  const statistics = useQuery({ queryKey: mapKeys.statistics(within), queryFn: () => mapApi.statistics(within) });
  const [q, setQ] = useState('');
  const items = statistics.data?.items ?? [];
  const shown = items.filter((item) => nameMatches(item.communeName, q));
  return (
    <Page title={text.statisticsTitle}>
      <div className="epimap-scope">
        <p className="lead">{text.statisticsHelp}</p>
        {statistics.isPending && <Loading />}
        {statistics.isError && <LoadError error={statistics.error} onRetry={() => void statistics.refetch()} />}
        {statistics.data && (
          <>
            <div className="filters">
              <TextField label={text.filterName} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            </div>
            <p className="muted" aria-live="polite">
              {text.communeCount(formatNumber(shown.length))}
            </p>
            <ul className="epimap-stat-list" data-testid="statistics">
              {shown.map((item) => (
                <li key={item.communeCode}>
                  <StatisticsRow item={item} within={within} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Page>
  );
}

const capacityValue = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

function StatisticsRow({ item, within }: { item: StatisticsItem; within: string }) {
  const { text, lang } = useMapText();
  const client = useQueryClient();
  const [population, setPopulation] = useState(item.population === null ? '' : String(item.population));
  const [coverage, setCoverage] = useState(item.vaccinationCoverage === null ? '' : formatDecimal(item.vaccinationCoverage, lang, 2).replace(/\s/g, ''));
  const [capacity, setCapacity] = useState(capacityValue(item.treatmentCapacityOk));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: Parameters<typeof mapApi.saveStatistics>[0]) => mapApi.saveStatistics(body),
    onSuccess: (saved) => {
      client.setQueryData(mapKeys.statistics(within), (old: { items: StatisticsItem[] } | undefined) => old && { items: old.items.map((i) => (i.communeCode === saved.communeCode ? saved : i)) });
      void client.invalidateQueries({ queryKey: ['map', 'risk'] });
    },
    onError: (error) => setErrors(error instanceof ApiError && error.field ? { [error.field]: error.message } : { form: error.message }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const body = {
      communeCode: item.communeCode,
      population: parseWhole(population) ?? undefined,
      vaccinationCoverage: parseDecimal(coverage) ?? undefined,
      treatmentCapacityOk: capacity === '' ? undefined : capacity === 'yes',
    };
    const checked = validate(unitStatisticsSchema, body);
    if (checked.errors) return setErrors(checked.errors);
    save.mutate(checked.data);
  }

  const titleId = `stat-${item.communeCode}`;
  return (
    <form className="card epimap-stat" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId} className="epimap-stat-name">
        {item.communeName}
      </h2>
      <div className="epimap-stat-fields">
        <TextField label={text.population} inputMode="numeric" value={population} onChange={(e) => setPopulation(e.target.value)} error={errors.population} />
        <TextField label={text.coverageInput} inputMode="decimal" value={coverage} onChange={(e) => setCoverage(e.target.value)} error={errors.vaccinationCoverage} />
        <div className="field">
          <label htmlFor={`${titleId}-capacity`}>{text.treatmentCapacity}</label>
          <select id={`${titleId}-capacity`} value={capacity} onChange={(e) => setCapacity(e.target.value)}>
            <option value="">{text.capacityUnknown}</option>
            <option value="yes">{text.capacityOk}</option>
            <option value="no">{text.capacityShort}</option>
          </select>
        </div>
        <div className="epimap-stat-save">
          <Button type="submit" variant="secondary" disabled={save.isPending} aria-label={text.saveStatisticsOf(item.communeName)}>
            {text.save}
          </Button>
        </div>
      </div>
      <p className="epimap-note" role="status">
        {save.isSuccess && !save.isPending && text.statisticsSaved}
      </p>
      {(errors.form ?? errors.communeCode) && <p className="field-error">{errors.form ?? errors.communeCode}</p>}
    </form>
  );
}
