import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { formatDayMonthYear } from './dates.js';
import { declarationKeys, declarationsApi } from './declarations-api.js';
import { formatDate } from '../../lib/format.js';
import { newDeclarationPath } from './paths.js';
import { useDeclarationText } from './text.js';

/**
 * For the citizen's home: a calm prompt when today's health update or a declaration is due, with a link
 * to the right form; nothing otherwise (and nothing while offline or when the status cannot be read).
 */
export function DeclarationStatusBanner() {
  const { text } = useDeclarationText();
  const status = useQuery({ queryKey: declarationKeys.status, queryFn: declarationsApi.status, staleTime: 5 * 60 * 1000 });
  const data = status.data;
  if (!data) return null;
  if (data.monitoring?.dailyUpdateDue) {
    return (
      <aside className="declaration-banner" aria-labelledby="declaration-banner-text">
        <p id="declaration-banner-text">{text.dailyDue(formatDayMonthYear(data.monitoring.until))}</p>
        <Link className="btn btn-primary" to={newDeclarationPath({ kind: 'daily_update', subject: 'self' })}>
          {text.dailyLink}
        </Link>
      </aside>
    );
  }
  if (data.declarationDue) {
    return (
      <aside className="declaration-banner" aria-labelledby="declaration-banner-text">
        <p id="declaration-banner-text">
          {text.declarationDue} {data.lastDeclaredAt !== null && text.lastDeclared(formatDate(data.lastDeclaredAt))}
        </p>
        <Link className="btn btn-primary" to={newDeclarationPath({ kind: 'domestic', subject: 'self' })}>
          {text.declareLink}
        </Link>
      </aside>
    );
  }
  return null;
}
