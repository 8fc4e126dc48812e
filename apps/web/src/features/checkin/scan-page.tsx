import { useNavigate } from 'react-router';
import { Link } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrScanner } from '../../components/qr-scanner.js';
import { Alert, Page } from '../../components/ui.js';

/** The in-app scanner: reads a poster's QR and opens its check-in page. */
export function ScanPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [notPlace, setNotPlace] = useState(false);
  return (
    <Page title={t('scan.title')}>
      <p className="lead">{t('scan.help')}</p>
      {notPlace && <Alert kind="warning">{t('scan.notPlace')}</Alert>}
      <QrScanner
        onDecode={(text) => {
          const token = /\/q\/([A-Za-z0-9_-]{35})(?:$|[?#])/.exec(text)?.[1];
          if (token) void navigate(`/q/${token}`);
          else setNotPlace(true);
        }}
      />
      <p>
        <Link to="/q">{t('scan.typeCode')}</Link>
      </p>
    </Page>
  );
}
