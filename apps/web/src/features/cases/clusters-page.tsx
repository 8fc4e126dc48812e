import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { casesApi, keys } from './cases-api.js';
import { formatDay } from './cases-format.js';
import { useCasesText } from './text.js';

/** Places where several cases were while infectious: where an outbreak may be starting. */
export function ClustersPage() {
  const { text } = useCasesText();
  const clusters = useQuery({ queryKey: keys.clusters, queryFn: casesApi.clusters });
  return (
    <Page
      title={text.clustersTitle}
      actions={
        <Link className="btn btn-secondary" to="/cases">
          {text.backToCases}
        </Link>
      }
    >
      <p className="lead">{text.clustersHelp}</p>
      {clusters.isPending && <Loading />}
      {clusters.isError && <LoadError error={clusters.error} onRetry={() => void clusters.refetch()} />}
      {clusters.data?.items.length === 0 && <p className="empty">{text.noClusters}</p>}
      {clusters.data && clusters.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table cases-table" data-testid="clusters-table">
            <caption className="visually-hidden">{text.clustersTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{text.colPlaceName}</th>
                <th scope="col">{text.commune}</th>
                <th scope="col" className="number">
                  {text.colCaseCount}
                </th>
                <th scope="col">{text.colCaseCodes}</th>
                <th scope="col">{text.colFirstAt}</th>
                <th scope="col">{text.colLastAt}</th>
              </tr>
            </thead>
            <tbody>
              {clusters.data.items.map((cluster) => (
                <tr key={cluster.placeId}>
                  <td data-label={text.colPlaceName}>{cluster.placeName}</td>
                  <td data-label={text.commune}>{cluster.communeName}</td>
                  <td data-label={text.colCaseCount} className="number">
                    {formatNumber(cluster.caseCount)}
                  </td>
                  <td data-label={text.colCaseCodes}>
                    <ul className="cluster-codes">
                      {cluster.caseCodes.map((code) => (
                        <li key={code}>
                          <Link to={`/cases?q=${encodeURIComponent(code)}`} className="code">
                            {code}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={text.colFirstAt}>{formatDay(cluster.firstAt)}</td>
                  <td data-label={text.colLastAt}>{formatDay(cluster.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
