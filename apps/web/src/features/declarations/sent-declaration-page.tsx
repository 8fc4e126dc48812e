import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { DeclarationDetail } from '../../components/declaration-detail.js';
import { declarationKeys, declarationsApi } from './declarations-api.js';
import { DECLARATION_ROUTES } from './paths.js';
import { useSentLabels } from './sent-labels.js';
import { useDeclarationText } from './text.js';

/** One declaration the citizen sent (for themselves or a family member), read back answer by answer. */
export function SentDeclarationPage({ id }: { id: string }) {
  const { text } = useDeclarationText();
  const { titleOf, whoFor } = useSentLabels();
  const sent = useQuery({ queryKey: declarationKeys.sent(id), queryFn: () => declarationsApi.sent(id) });
  return (
    <Page title={sent.data ? titleOf(sent.data.summary.formVersion) : text.myTitle}>
      <nav className="breadcrumb" aria-label={text.myTitle}>
        <ol>
          <li>
            <Link to={DECLARATION_ROUTES.mine}>{text.backToMine}</Link>
          </li>
        </ol>
      </nav>
      {sent.isPending && <Loading />}
      {sent.isError && <LoadError error={sent.error} onRetry={() => void sent.refetch()} />}
      {sent.data && (
        <>
          <p className="lead">
            {text.submittedOn(formatDateTime(sent.data.summary.submittedAt))} · {text.declaredFor(whoFor(sent.data.summary))}
          </p>
          {sent.data.summary.flagged && <span className="badge badge-flagged">{text.flagged}</span>}
          <DeclarationDetail record={sent.data.declaration} />
        </>
      )}
    </Page>
  );
}
