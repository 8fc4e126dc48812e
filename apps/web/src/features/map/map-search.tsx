import { useEffect, useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from '../../components/ui.js';
import { mapApi, mapKeys, type BBox, type Position, type SearchItem } from './map-api.js';
import { contains } from './map-layers.js';
import { useMapText } from './text.js';

/** Search by commune, place or site name; results appear while typing (after a pause) and on Enter. */
export function MapSearch({ onChoose }: { onChoose: (item: SearchItem) => void }) {
  const { text } = useMapText();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(typed.trim()), 350);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({
    queryKey: mapKeys.search(asked),
    queryFn: ({ signal }) => mapApi.search(asked, signal),
    enabled: asked.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = asked.length >= 2 ? (search.data?.items ?? []) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsked(typed.trim());
    setOpen(true);
  }

  return (
    <form role="search" className="epimap-search" onSubmit={submit} aria-label={text.searchLabel}>
      <div className="field">
        <label htmlFor={id}>{text.searchLabel}</label>
        <div className="epimap-search-row">
          <input
            id={id}
            type="search"
            value={typed}
            autoComplete="off"
            placeholder={text.searchPlaceholder}
            aria-describedby={`${id}-status`}
            onChange={(e) => {
              setTyped(e.target.value);
              setOpen(true);
            }}
            onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          />
          <Button type="submit" variant="secondary">
            {text.find}
          </Button>
        </div>
        <p id={`${id}-status`} className="visually-hidden" aria-live="polite">
          {open && asked.length >= 2 && search.data ? text.resultsCount(items.length) : ''}
        </p>
      </div>
      {open && asked.length >= 2 && search.isError && <p className="field-error">{search.error.message}</p>}
      {open && asked.length >= 2 && search.data && (
        <ul className="epimap-results" aria-label={text.searchResults}>
          {items.length === 0 && <li className="empty">{text.noResults}</li>}
          {items.map((item) => (
            <li key={`${item.kind}:${item.id}`}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  onChoose(item);
                }}
              >
                <strong>{item.name}</strong>
                <span className="muted">
                  {text.resultKinds[item.kind]} · {item.detail}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

type NearMeStatus = { kind: 'idle' } | { kind: 'looking' } | { kind: 'found'; outside: boolean } | { kind: 'problem'; message: string };

/** "Near me": the position stays on this device; the map only moves there. */
export function NearMe({ area, onFound }: { area: BBox; onFound: (position: Position) => void }) {
  const { text } = useMapText();
  const [status, setStatus] = useState<NearMeStatus>({ kind: 'idle' });

  function locate() {
    if (!window.isSecureContext) return setStatus({ kind: 'problem', message: text.geoInsecure });
    if (!('geolocation' in navigator)) return setStatus({ kind: 'problem', message: text.geoUnsupported });
    setStatus({ kind: 'looking' });
    navigator.geolocation.getCurrentPosition(
      (found) => {
        const position: Position = [Number(found.coords.longitude.toFixed(5)), Number(found.coords.latitude.toFixed(5))];
        setStatus({ kind: 'found', outside: !contains(area, position) });
        onFound(position);
      },
      (error) => {
        const message = error.code === error.PERMISSION_DENIED ? text.geoDenied : error.code === error.TIMEOUT ? text.geoTimeout : text.geoUnavailable;
        setStatus({ kind: 'problem', message });
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <div className="epimap-nearme">
      <Button variant="secondary" onClick={locate} disabled={status.kind === 'looking'}>
        {text.nearMe}
      </Button>
      <p className={status.kind === 'problem' ? 'epimap-note field-error' : 'epimap-note muted'} role="status">
        {status.kind === 'looking' && text.geoLooking}
        {status.kind === 'found' && (status.outside ? text.geoOutside : text.geoFound)}
        {status.kind === 'problem' && status.message}
      </p>
    </div>
  );
}
