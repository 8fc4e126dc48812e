import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessagePreferences } from '@phongdich/core';
import { Alert } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { useMessagingText } from './text.js';

/**
 * The account's choice about campaign messages. Only campaigns can be refused: warnings, monitoring
 * reminders and codes are listed as always sent, so nobody believes they turned those off.
 */
export function MessagePreferencesPanel({ hasPhone }: { hasPhone: boolean }) {
  const { text } = useMessagingText();
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: ['account', 'messages'], queryFn: () => api<MessagePreferences>('GET', '/api/v1/account/messages') });
  const save = useMutation({
    mutationFn: (campaignsOptOut: boolean) => api<MessagePreferences>('PATCH', '/api/v1/account/messages', { campaignsOptOut }),
    onSuccess: (data) => client.setQueryData(['account', 'messages'], data),
  });
  return (
    <section aria-labelledby="message-preferences">
      <h2 id="message-preferences">{text.preferencesTitle}</h2>
      {!hasPhone ? (
        <p>{text.optOutNoPhone}</p>
      ) : (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={prefs.data?.campaignsOptOut ?? false} disabled={!prefs.data || save.isPending} onChange={(e) => save.mutate(e.target.checked)} /> {text.optOut}
          </label>
          <p className="field-help">{text.optOutHelp}</p>
          {save.isSuccess && <Alert kind="success">{text.saved}</Alert>}
          {save.isError && <Alert kind="error">{save.error.message}</Alert>}
        </>
      )}
    </section>
  );
}
