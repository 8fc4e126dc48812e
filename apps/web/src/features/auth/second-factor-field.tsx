import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/ui.js';

/** A code from the authenticator app or a recovery code: asked at sign-in and to turn the factor off. */
export function SecondFactorField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('login.secondFactor')}
      name="code"
      autoComplete="one-time-code"
      autoCapitalize="none"
      help={t('login.secondFactorHelp')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
