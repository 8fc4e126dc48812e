import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { placesApi } from './places-api.js';
import { StatusBadge } from './status-badge.js';

/** The owner's portal: places they own or staff, and the way to register another. */
export function MyPlacesPage() {
  const { t } = useTranslation();
  const places = useQuery({ queryKey: ['places', 'mine'], queryFn: placesApi.mine });
  return (
    <Page
      title={t('places.mine')}
      actions={
        <Link className="btn btn-primary" to="/places/new">
          {t('places.register')}
        </Link>
      }
    >
      <p className="lead">{t('places.mineIntro')}</p>
      {places.isPending && <Loading />}
      {places.isError && <LoadError error={places.error} onRetry={() => void places.refetch()} />}
      {places.data && places.data.items.length === 0 && <p className="empty">{t('places.none')}</p>}
      {places.data && places.data.items.length > 0 && (
        <ul className="list-cards" data-testid="my-places">
          {places.data.items.map((place) => (
            <li key={place.id}>
              <Link to={`/places/${place.id}`}>
                <strong>{place.name}</strong>
              </Link>{' '}
              <StatusBadge status={place.status} />
              <p className="muted">
                {t(`placeTypes.${place.type}`)} · {place.streetAddress}, {place.communeName} · {t(`places.role.${place.myRole}`)} · {t('places.points')}: {place.pointCount}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
