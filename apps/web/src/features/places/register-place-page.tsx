import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/ui.js';
import { PlaceForm } from './place-form.js';

export function RegisterPlacePage({ within, onBehalf }: { within: string; onBehalf: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <Page title={onBehalf ? t('places.registerOnBehalf') : t('places.register')}>
      <PlaceForm
        within={within}
        onBehalf={onBehalf}
        onRegistered={(place) => {
          void client.invalidateQueries({ queryKey: ['places'] });
          client.setQueryData(['place', place.id], place);
          void navigate(`/places/${place.id}`, { state: { registered: true } });
        }}
      />
    </Page>
  );
}
