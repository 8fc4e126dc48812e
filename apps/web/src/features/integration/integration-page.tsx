import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_KEY_PERMISSIONS, apiKeyCreateSchema, INTEGRATION_EVENT_TYPES, webhookCreateSchema, type ApiKey, type ApiKeyPermission, type IntegrationEventType, type Unit, type Webhook } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { UnitPicker } from '../../components/unit-picker.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';

/** A secret the server shows once: the administrator copies it to the other system now or never. */
interface Shown {
  label: string;
  secret: string;
}

/** Administrators issue, rotate and revoke other systems' API keys and point webhooks at them (docs/integration.md). */
export function IntegrationPage({ homeUnitCode }: { homeUnitCode: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api<{ items: ApiKey[] }>('GET', '/api/v1/integration/api-keys') });
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => api<{ items: Webhook[] }>('GET', '/api/v1/integration/webhooks'), refetchInterval: 10_000 });

  return (
    <Page title={t('integration.title')}>
      <Alert kind="info">{t('integration.intro')}</Alert>
      {shown && (
        <div className="card" role="status" data-testid="secret-once">
          <Alert kind="warning">{t('integration.secretOnce', { label: shown.label })}</Alert>
          <p className="code" style={{ wordBreak: 'break-all' }}>
            {shown.secret}
          </p>
          <Button variant="secondary" onClick={() => setShown(null)}>
            {t('integration.secretCopied')}
          </Button>
        </div>
      )}
      <h2>{t('integration.keys')}</h2>
      <CreateKeyForm homeUnitCode={homeUnitCode} onCreated={setShown} />
      {keys.isPending && <Loading />}
      {keys.isError && <LoadError error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.data && <KeyTable keys={keys.data.items} onSecret={setShown} />}
      <h2>{t('integration.webhooks')}</h2>
      {keys.data && <CreateWebhookForm keys={keys.data.items.filter((k) => k.status === 'active')} onCreated={setShown} />}
      {hooks.isPending && <Loading />}
      {hooks.isError && <LoadError error={hooks.error} onRetry={() => void hooks.refetch()} />}
      {hooks.data && <WebhookTable hooks={hooks.data.items} />}
    </Page>
  );
}

function CreateKeyForm({ homeUnitCode, onCreated }: { homeUnitCode: string; onCreated: (shown: Shown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState<Unit | null>(null);
  const [permissions, setPermissions] = useState<ApiKeyPermission[]>(['fhir.read']);
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ key: ApiKey; secret: string }>('POST', '/api/v1/integration/api-keys', body),
    onSuccess: ({ key, secret }) => {
      void client.invalidateQueries({ queryKey: ['api-keys'] });
      onCreated({ label: key.name, secret });
      setName('');
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(apiKeyCreateSchema, { name, unitCode: unit?.code ?? '', permissions });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    create.mutate(checked.data);
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('integration.createKey')}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <TextField label={t('integration.keyName')} help={t('integration.keyNameHelp')} name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
        <UnitPicker label={t('integration.unit')} help={t('integration.unitHelp')} within={homeUnitCode} value={unit} onChange={setUnit} error={errors.fieldErrors.unitCode} />
      </div>
      <fieldset className="fieldset">
        <legend>{t('integration.permissions')}</legend>
        {API_KEY_PERMISSIONS.map((p) => (
          <label className="check" key={p}>
            <input type="checkbox" checked={permissions.includes(p)} onChange={(e) => setPermissions(e.target.checked ? [...permissions, p] : permissions.filter((x) => x !== p))} />
            {/* i18next reads dots as nesting: fhir.read is stored as fhir_read. */}
            {t(`integration.permission.${p.replace('.', '_')}`)}
          </label>
        ))}
        {errors.fieldErrors.permissions && <p className="field-error">{errors.fieldErrors.permissions}</p>}
      </fieldset>
      <div className="form-actions">
        <Button type="submit" disabled={create.isPending}>
          {t('integration.createKey')}
        </Button>
      </div>
    </form>
  );
}

function KeyTable({ keys, onSecret }: { keys: ApiKey[]; onSecret: (shown: Shown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'rotate' | 'revoke' }) => api<{ key: ApiKey; secret: string } | ApiKey>('POST', `/api/v1/integration/api-keys/${id}/${action}`),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: ['api-keys'] });
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      if ('secret' in answer) onSecret({ label: answer.key.name, secret: answer.secret });
    },
  });
  if (keys.length === 0) return <p className="empty">{t('integration.noKeys')}</p>;
  return (
    <div className="table-wrap">
      {act.isError && <Alert kind="error">{act.error.message}</Alert>}
      <table className="data-table" data-testid="api-keys-table">
        <TableHead columns={[t('integration.keyName'), t('integration.prefix'), t('integration.unit'), t('integration.permissions'), t('integration.lastUsed'), t('integration.status')]} actions={t('integration.actions')} />
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td className="code">{key.prefix}…</td>
              <td>{key.unitName}</td>
              <td className="code">{key.permissions.join(', ')}</td>
              <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('integration.never')}</td>
              <td>{key.status === 'active' ? t('integration.active') : t('integration.revoked')}</td>
              <td>
                {key.status === 'active' && (
                  <>
                    <Button variant="link" disabled={act.isPending} onClick={() => window.confirm(t('integration.confirmRotate', { name: key.name })) && act.mutate({ id: key.id, action: 'rotate' })}>
                      {t('integration.rotate')}
                    </Button>
                    <Button variant="link" disabled={act.isPending} onClick={() => window.confirm(t('integration.confirmRevoke', { name: key.name })) && act.mutate({ id: key.id, action: 'revoke' })}>
                      {t('integration.revoke')}
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateWebhookForm({ keys, onCreated }: { keys: ApiKey[]; onCreated: (shown: Shown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [apiKeyId, setApiKeyId] = useState('');
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<IntegrationEventType[]>([]);
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ webhook: Webhook; secret: string }>('POST', '/api/v1/integration/webhooks', body),
    onSuccess: ({ webhook, secret }) => {
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      onCreated({ label: webhook.url, secret });
      setUrl('');
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(webhookCreateSchema, { apiKeyId, url, eventTypes });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    create.mutate(checked.data);
  }

  if (keys.length === 0) return <p className="muted">{t('integration.webhookNeedsKey')}</p>;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('integration.createWebhook')}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <SelectField label={t('integration.webhookKey')} name="apiKeyId" value={apiKeyId} onChange={(e) => setApiKeyId(e.target.value)} error={errors.fieldErrors.apiKeyId}>
          <option value="">—</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('integration.url')} help={t('integration.urlHelp')} name="url" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.fieldErrors.url} />
      </div>
      <fieldset className="fieldset">
        <legend>{t('integration.eventTypes')}</legend>
        <p className="muted">{t('integration.eventTypesHelp')}</p>
        {INTEGRATION_EVENT_TYPES.map((type) => (
          <label className="check" key={type}>
            <input type="checkbox" checked={eventTypes.includes(type)} onChange={(e) => setEventTypes(e.target.checked ? [...eventTypes, type] : eventTypes.filter((x) => x !== type))} />
            <span className="code">{type}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <Button type="submit" disabled={create.isPending}>
          {t('integration.createWebhook')}
        </Button>
      </div>
    </form>
  );
}

function WebhookTable({ hooks }: { hooks: Webhook[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const disable = useMutation({
    mutationFn: (id: string) => api<Webhook>('POST', `/api/v1/integration/webhooks/${id}/disable`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  if (hooks.length === 0) return <p className="empty">{t('integration.noWebhooks')}</p>;
  return (
    <div className="table-wrap">
      {disable.isError && <Alert kind="error">{disable.error.message}</Alert>}
      <table className="data-table" data-testid="webhooks-table">
        <TableHead columns={[t('integration.url'), t('integration.webhookKey'), t('integration.eventTypes'), t('integration.delivery'), t('integration.status')]} actions={t('integration.actions')} />
        <tbody>
          {hooks.map((hook) => (
            <tr key={hook.id}>
              <td className="code">{hook.url}</td>
              <td>{hook.apiKeyName}</td>
              <td className="code">{hook.eventTypes.length ? hook.eventTypes.join(', ') : t('integration.allEvents')}</td>
              <td>
                {t('integration.deliveryState', { pending: hook.pending, failed: hook.failed })}
                {hook.lastDeliveredAt && <div className="muted">{t('integration.lastDelivered', { time: formatDateTime(hook.lastDeliveredAt) })}</div>}
                {hook.lastError && <div className="muted">{t('integration.lastError', { error: hook.lastError })}</div>}
              </td>
              <td>{hook.status === 'active' ? t('integration.active') : t('integration.disabled')}</td>
              <td>
                {hook.status === 'active' && (
                  <Button variant="link" disabled={disable.isPending} onClick={() => disable.mutate(hook.id)}>
                    {t('integration.disable')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
