import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Language } from '@phongdich/core';
import { Button, LoadError, Loading } from '../../components/ui.js';
import { ApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/format.js';
import { EMBED_MESSAGE } from './guide-text.js';
import { GuideBody } from './guide-view.js';
import { guideKeys, guidesApi } from './guides-api.js';
import { guidesTextIn, useGuidesText } from './text.js';

/**
 * One public guide: printable (print styles hide everything but the guide) and embeddable: with
 * ?embed=1 the app's chrome is gone (see app/layout) and the page tells the frame around it its
 * height, so public/embed.js can size the frame without scroll bars.
 */
export function GuidePage({ slug, embed, lang: asked }: { slug: string; embed: boolean; lang: Language | null }) {
  const current = useGuidesText().lang;
  // An embedding portal chooses the language with data-lang; elsewhere the app's language applies.
  const lang = embed && asked ? asked : current;
  const text = guidesTextIn(lang);
  const guide = useQuery({ queryKey: guideKeys.guide(slug), queryFn: () => guidesApi.get(slug), staleTime: 300_000 });

  useEffect(() => {
    if (!embed || window.parent === window) return;
    const send = () => window.parent.postMessage({ type: EMBED_MESSAGE, slug, height: Math.ceil(document.documentElement.scrollHeight) }, '*');
    const observer = new ResizeObserver(send);
    observer.observe(document.body);
    send();
    return () => observer.disconnect();
  }, [embed, slug]);

  if (guide.isPending) return <Loading />;
  if (guide.isError) {
    const missing = guide.error instanceof ApiError && guide.error.status === 404;
    return missing ? <p className="empty">{text.notFound}</p> : <LoadError error={guide.error} onRetry={() => void guide.refetch()} />;
  }
  const g = guide.data;
  const title = g.title[lang];
  return (
    <article className={`guide-page${embed ? ' embedded' : ''}`} lang={lang} aria-labelledby="guide-title">
      <header className="guide-header">
        <h1 id="guide-title">{title}</h1>
        {g.updatedAt !== null && <p className="muted">{text.updatedAt(formatDate(g.updatedAt))}</p>}
      </header>
      <GuideBody body={g.body[lang]} />
      <div className="guide-actions row-actions">
        <Button variant="secondary" onClick={() => window.print()} aria-label={text.printLabel(title)}>
          {text.print}
        </Button>
        {embed ? (
          <a href={`/guide/${encodeURIComponent(slug)}`} target="_blank" rel="noopener">
            {text.openFull}
          </a>
        ) : (
          <Link to="/guide">{text.allGuides}</Link>
        )}
      </div>
    </article>
  );
}
