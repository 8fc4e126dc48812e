import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui.js';

/**
 * Asks before a destructive or external action, saying what will happen; takes a reason when the
 * record keeps one.
 */
export function ConfirmDialog({
  message,
  confirmLabel,
  reasonLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  message: string;
  confirmLabel: string;
  reasonLabel?: string;
  danger?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-message`} onCancel={onCancel}>
      <p id={`${id}-message`}>{message}</p>
      {reasonLabel && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <div className="form-actions">
        <Button variant={danger ? 'danger' : 'primary'} onClick={() => onConfirm(reason.trim())}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
