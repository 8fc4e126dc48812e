import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../components/ui.js';
import { formatDate } from '../../lib/format.js';
import { saveTextFile } from '../../lib/download.js';

/**
 * The ten recovery codes, shown once right after two-step verification is turned on: the server
 * keeps only their hashes, so this is the one chance to save them.
 */
export function RecoveryCodes({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  // Made when copied or saved (the date is the day they were saved).
  const asText = () => [t('twoStep.fileHeader', { username, date: formatDate(Date.now()) }), '', ...codes].join('\r\n') + '\r\n';

  async function copyCodes() {
    try {
      await navigator.clipboard.writeText(asText());
      setCopy('copied');
    } catch {
      // Refused outside a secure context or without permission: the download still works.
      setCopy('failed');
    }
  }

  return (
    <div data-testid="recovery-codes">
      <h3>{t('twoStep.recoveryTitle')}</h3>
      <Alert kind="warning">{t('twoStep.recoveryWarning')}</Alert>
      <ol className="recovery-codes" aria-label={t('twoStep.recoveryList')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      {copy === 'copied' && <Alert kind="success">{t('twoStep.copied')}</Alert>}
      {copy === 'failed' && <Alert kind="error">{t('twoStep.copyFailed')}</Alert>}
      <div className="form-actions">
        <Button variant="secondary" onClick={() => void copyCodes()}>
          {t('twoStep.copy')}
        </Button>
        <Button variant="secondary" onClick={() => saveTextFile(`phongdich-recovery-codes-${username}.txt`, asText(), 'text/plain;charset=utf-8')}>
          {t('twoStep.download')}
        </Button>
        <Button onClick={onDone}>{t('twoStep.saved')}</Button>
      </div>
    </div>
  );
}
