import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { formatDate } from '../../lib/format.js';
import { declarationKeys, declarationsApi } from './declarations-api.js';
import { DECLARATION_ROUTES, sentDeclarationPath } from './paths.js';
import { useSentLabels } from './sent-labels.js';
import { useDeclarationText } from './text.js';

/** The citizen's own declarations (and those made for family), newest first, with those still waiting on the phone. */
export function MyDeclarationsPage() {
  const { text } = useDeclarationText();
  const { titleOf, whoFor } = useSentLabels();
  const mine = useQuery({ queryKey: declarationKeys.mine, queryFn: declarationsApi.mine });
  const waiting = useQuery({ queryKey: declarationKeys.waiting, queryFn: declarationsApi.waiting, networkMode: 'always' });
  return (
    <Page
      title={text.myTitle}
      actions={
        <Link className="btn btn-primary" to={DECLARATION_ROUTES.newDeclaration}>
          {text.newDeclaration}
        </Link>
      }
    >
      {waiting.data && waiting.data.length > 0 && (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">{text.waitingTitle}</h2>
          <p className="field-help">{text.waitingHelp}</p>
          <ul className="list-cards">
            {waiting.data.map((write) => (
              <li key={write.id}>
                <strong>{titleOf(write.formVersion)}</strong>
                <p>
                  <span className="badge badge-pending">{text.waitingTitle}</span> {text.savedOn(formatDate(write.createdAt))}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mine.isPending && <Loading />}
      {mine.isError && <LoadError error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.items.length === 0 && <p className="empty">{text.myEmpty}</p>}
      {mine.data && mine.data.items.length > 0 && (
        <ul className="list-cards" aria-label={text.myTitle}>
          {mine.data.items.map((item) => (
            <li key={item.id}>
              <Link to={sentDeclarationPath(item.id)}>
                <strong>{titleOf(item.formVersion)}</strong>
              </Link>
              <p>
                {text.submittedOn(formatDate(item.submittedAt))} · {whoFor(item)}
              </p>
              {item.flagged && <span className="badge badge-flagged">{text.flagged}</span>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
