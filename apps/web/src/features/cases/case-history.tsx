import { TableHead } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import type { CaseEvent, PlaceVisited } from './cases-api.js';
import { useCasesText } from './text.js';

/** Where the case checked in during the infectious period. */
export function PlacesVisited({ places }: { places: PlaceVisited[] }) {
  const { text } = useCasesText();
  if (places.length === 0) return <p className="empty">{text.noPlaces}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table cases-table" data-testid="places-visited">
        <caption className="visually-hidden">{text.placesTitle}</caption>
        <TableHead columns={[text.colPlaceName, text.commune, text.colCheckedIn, text.colCheckedOut]} />
        <tbody>
          {places.map((p) => (
            <tr key={`${p.placeId}-${p.checkedInAt}`}>
              <td data-label={text.colPlaceName}>{p.placeName}</td>
              <td data-label={text.commune}>{p.communeName}</td>
              <td data-label={text.colCheckedIn}>{formatDateTime(p.checkedInAt)}</td>
              <td data-label={text.colCheckedOut}>{p.checkedOutAt === null ? <span className="muted">{text.notCheckedOut}</span> : formatDateTime(p.checkedOutAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Who changed what on the case, newest first. */
export function CaseEvents({ events }: { events: CaseEvent[] }) {
  const { text } = useCasesText();
  if (events.length === 0) return <p className="empty">{text.noEvents}</p>;
  const ordered = [...events].sort((a, b) => b.at - a.at);
  return (
    <div className="table-wrap">
      <table className="data-table cases-table" data-testid="case-events">
        <caption className="visually-hidden">{text.historyTitle}</caption>
        <TableHead columns={[text.colAt, text.colAction, text.colActor, text.colDetail]} />
        <tbody>
          {ordered.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td data-label={text.colAt}>{formatDateTime(e.at)}</td>
              <td data-label={text.colAction}>{text.eventActions[e.action] ?? e.action}</td>
              <td data-label={text.colActor}>{e.actorName}</td>
              <td data-label={text.colDetail}>{e.detail ?? text.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
