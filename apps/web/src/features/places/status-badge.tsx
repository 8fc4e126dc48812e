import { useTranslation } from 'react-i18next';
import type { PlaceStatus } from '@phongdich/core';

export function StatusBadge({ status }: { status: PlaceStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`places.statuses.${status}`)}</span>;
}
