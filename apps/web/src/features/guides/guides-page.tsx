import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { guideKeys, guidesApi } from './guides-api.js';
import { useGuidesText } from './text.js';

/** The public list of guides (no sign-in). */
export function GuidesPage() {
  const { text, lang } = useGuidesText();
  const guides = useQuery({ queryKey: guideKeys.list, queryFn: guidesApi.list, staleTime: 300_000 });
  return (
    <Page title={text.listTitle}>
      <p className="lead">{text.listIntro}</p>
      {guides.isPending && <Loading />}
      {guides.isError && <LoadError error={guides.error} onRetry={() => void guides.refetch()} />}
      {guides.data &&
        (guides.data.items.length === 0 ? (
          <p className="empty">{text.noGuides}</p>
        ) : (
          <ul className="tiles" data-testid="guides">
            {guides.data.items.map((guide) => (
              <li key={guide.slug}>
                <Link to={`/guide/${encodeURIComponent(guide.slug)}`}>{guide.title[lang]}</Link>
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link to="/map">{text.mapLink}</Link>
      </p>
    </Page>
  );
}
