import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { casesApi, keys } from './cases-api.js';
import { formatDecimal, formatShare } from './cases-format.js';
import { useCasesText } from './text.js';

/** The numbers an official checks first: cases, new cases, how well tracing keeps up. */
export function IndicatorsStrip() {
  const { text, lang } = useCasesText();
  const indicators = useQuery({ queryKey: keys.indicators, queryFn: casesApi.indicators });
  if (indicators.isError) return <LoadError error={indicators.error} onRetry={() => void indicators.refetch()} />;
  const data = indicators.data;
  const value = (n: number | undefined, format: (n: number) => string = formatNumber) => (n === undefined ? '…' : format(n));
  return (
    <section className="cases-indicators" aria-labelledby="cases-indicators-title" aria-busy={indicators.isPending}>
      <h2 id="cases-indicators-title">{text.indicatorsTitle}</h2>
      <dl>
        <div>
          <dt>{text.activeCases}</dt>
          <dd>{value(data?.activeCases)}</dd>
        </div>
        <div>
          <dt>{text.newCases14d}</dt>
          <dd>{value(data?.newCases14d)}</dd>
        </div>
        <div>
          <dt>{text.contactsPerCase}</dt>
          <dd>{value(data?.contactsPerCase, (n) => formatDecimal(n, lang))}</dd>
        </div>
        <div>
          <dt>{text.knownContactShare}</dt>
          <dd>{value(data?.knownContactShare, (n) => formatShare(n, lang))}</dd>
        </div>
        <div className={data && data.contactsNotReached > 0 ? 'cases-indicator-attention' : undefined}>
          <dt>{text.contactsNotReached(data?.notReachedDays ?? 2)}</dt>
          <dd>
            <Link to="/contacts?notReached=true">
              {value(data?.contactsNotReached)}
              <span className="visually-hidden"> — {text.worklistLink}</span>
            </Link>
          </dd>
        </div>
        <div>
          <dt>{text.activeChains}</dt>
          <dd>{value(data?.activeChains)}</dd>
        </div>
      </dl>
    </section>
  );
}
