import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { CHANNELS, SECTORS, type CampaignDetail, type CampaignInput, type CampaignPreview, type Channel, type Sector, type Unit } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, Page, SelectField, TextField } from '../../components/ui.js';
import { api, ApiError } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useTranslation } from 'react-i18next';
import { useMessagingText } from './text.js';

type AudienceKind = CampaignInput['audience']['kind'];
type Frequency = 'none' | 'daily' | 'weekly' | 'monthly';

interface ListCheck {
  valid: number;
  duplicates: number;
  problems: Array<{ row: number; value: string; problem: string }>;
}

function Textarea({ label, help, error, value, onChange, rows = 3 }: { label: string; help?: string; error?: string | undefined; value: string; onChange: (value: string) => void; rows?: number }) {
  const id = `f-${label.replace(/\W+/g, '-')}`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-note`} />
      {(error ?? help) && (
        <p className={error ? 'field-error' : 'field-help'} id={`${id}-note`} role={error ? 'alert' : undefined}>
          {error ?? help}
        </p>
      )}
    </div>
  );
}

/** "2026-11-09T08:00" typed in a datetime-local field means Vietnam time, whatever the browser's zone. */
function vietnamTime(value: string): number | null {
  const at = Date.parse(`${value}:00+07:00`);
  return Number.isNaN(at) ? null : at;
}

/**
 * The campaign wizard: audience, message in both languages, schedule; then a preview (what it reads
 * like, how many people, when), a test to the official's own phone, and creation after a confirmation
 * that says how many people will be messaged.
 */
export function NewCampaignPage({ within }: { within: string }) {
  const { text } = useMessagingText();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [kind, setKind] = useState<AudienceKind>('citizens');
  const [unit, setUnit] = useState<Unit | null>(null);
  const [sector, setSector] = useState('');
  const [list, setList] = useState('');
  const [vi, setVi] = useState('');
  const [en, setEn] = useState('');
  const [now, setNow] = useState(true);
  const [start, setStart] = useState('');
  const [frequency, setFrequency] = useState<Frequency>('none');
  const [every, setEvery] = useState('1');
  const [count, setCount] = useState('');
  const [until, setUntil] = useState('');
  const [testLanguage, setTestLanguage] = useState<'vi' | 'en'>('vi');
  const [testPhone, setTestPhone] = useState('');
  const [confirming, setConfirming] = useState(false);

  const input = (): CampaignInput => ({
    name: name.trim(),
    channel,
    audience: kind === 'custom' ? { kind, list } : kind === 'place_owners' ? { kind, unitCode: unit?.code ?? '', sector: (sector || null) as Sector | null } : { kind, unitCode: unit?.code ?? '' },
    template: { vi, en },
    startAt: now ? null : vietnamTime(start),
    recurrence: frequency === 'none' ? null : { frequency, interval: Number(every) || 1, count: count ? Number(count) : null, until: until || null },
  });

  const preview = useMutation({ mutationFn: () => api<CampaignPreview>('POST', '/api/v1/campaigns/preview', input()) });
  const check = useMutation({ mutationFn: () => api<ListCheck>('POST', '/api/v1/campaigns/recipients/check', { channel, list }) });
  const test = useMutation({ mutationFn: () => api<{ recipientMasked: string }>('POST', '/api/v1/campaigns/test', { channel, template: { vi, en }, language: testLanguage, ...(testPhone.trim() ? (channel === 'email' ? { email: testPhone.trim() } : { phone: testPhone.trim() }) : {}) }) });
  const create = useMutation({
    mutationFn: () => api<CampaignDetail>('POST', '/api/v1/campaigns', input()),
    onSuccess: (campaign) => void navigate(`/campaigns/${campaign.id}`),
  });

  const error = [preview.error, create.error, test.error].find((e): e is ApiError => e instanceof ApiError) ?? null;
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate();
  };

  return (
    <Page title={text.newCampaign}>
      <form onSubmit={submit} noValidate>
        <TextField label={text.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required error={fieldError('name')} />
        <SelectField label={text.channel} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {text.channels[c]}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{text.audience}</legend>
          <SelectField label={text.audience} value={kind} onChange={(e) => setKind(e.target.value as AudienceKind)}>
            {(['citizens', 'place_owners', 'officials', 'custom'] as const).map((k) => (
              <option key={k} value={k}>
                {text.audienceKinds[k]}
              </option>
            ))}
          </SelectField>
          {kind !== 'custom' && <UnitPicker label={text.unit} help={text.unitHelp} within={within} value={unit} onChange={setUnit} error={fieldError('audience.unitCode')} />}
          {kind === 'place_owners' && (
            <SelectField label={text.sector} value={sector} onChange={(e) => setSector(e.target.value)}>
              <option value="">{text.allSectors}</option>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(`sectors.${s}`)}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'custom' && (
            <>
              <Textarea label={text.list} help={text.listHelp} rows={6} value={list} onChange={setList} error={fieldError('audience.list')} />
              <Button type="button" variant="secondary" onClick={() => check.mutate()} disabled={!list.trim()}>
                {text.checkList}
              </Button>
              {check.data && (
                <Alert kind={check.data.problems.length ? 'warning' : 'success'}>
                  {text.listOk(check.data.valid, check.data.duplicates)}
                  {check.data.problems.length > 0 && (
                    <ul>
                      {check.data.problems.map((p) => (
                        <li key={p.row}>{text.listProblem(p.row, p.value)}</li>
                      ))}
                    </ul>
                  )}
                </Alert>
              )}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{text.message}</legend>
          <p className="field-help">{text.templateHelp}</p>
          <Textarea label={text.templateVi} value={vi} onChange={setVi} error={fieldError('template.vi')} />
          <Textarea label={text.templateEn} value={en} onChange={setEn} error={fieldError('template.en')} />
        </fieldset>
        <fieldset>
          <legend>{text.schedule}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={now} onChange={(e) => setNow(e.target.checked)} /> {text.sendNow}
          </label>
          {!now && <TextField label={text.startAt} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} error={fieldError('startAt')} />}
          <SelectField label={text.repeat} value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)} error={fieldError('recurrence')}>
            <option value="none">{text.repeatNone}</option>
            {(['daily', 'weekly', 'monthly'] as const).map((f) => (
              <option key={f} value={f}>
                {text.frequencies[f]}
              </option>
            ))}
          </SelectField>
          {frequency !== 'none' && (
            <>
              <TextField label={text.interval} type="number" min={1} max={12} value={every} onChange={(e) => setEvery(e.target.value)} />
              <TextField label={text.runCount} type="number" min={1} max={366} value={count} onChange={(e) => setCount(e.target.value)} />
              <TextField label={text.until} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
            </>
          )}
        </fieldset>
        {error && <Alert kind="error">{error.message}</Alert>}
        <div className="form-actions">
          <Button type="submit">{text.preview}</Button>
        </div>
      </form>

      {preview.data && (
        <section aria-labelledby="campaign-preview">
          <h2 id="campaign-preview">{text.previewTitle}</h2>
          {(['vi', 'en'] as const).map((lang) => (
            <figure key={lang} className="message-preview">
              <blockquote lang={lang}>{preview.data[lang].text}</blockquote>
              {channel === 'sms' && <figcaption>{text.smsParts(preview.data[lang].characters, preview.data[lang].parts)}</figcaption>}
            </figure>
          ))}
          <p>{text.reach(formatNumber(preview.data.recipients))}</p>
          <p>{text.skipped(formatNumber(preview.data.skippedOptOut), formatNumber(preview.data.skippedNoAddress))}</p>
          <p>{text.runsPlanned(preview.data.runCount)}</p>
          <ul>
            {preview.data.runTimes.slice(0, 12).map((at) => (
              <li key={at}>{formatDateTime(at)}</li>
            ))}
            {preview.data.runTimes.length > 12 && <li>…</li>}
          </ul>
          {preview.data.quietHoursApply && <Alert kind="info">{text.quietHours}</Alert>}

          <h3>{text.testSend}</h3>
          <SelectField label={text.testLanguage} value={testLanguage} onChange={(e) => setTestLanguage(e.target.value as 'vi' | 'en')}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </SelectField>
          <TextField label={channel === 'email' ? text.testEmail : text.testPhone} value={testPhone} onChange={(e) => setTestPhone(e.target.value)} error={fieldError('phone') ?? fieldError('email')} />
          <Button type="button" variant="secondary" onClick={() => test.mutate()} disabled={test.isPending}>
            {text.testSend}
          </Button>
          {test.data && <Alert kind="success">{text.testSent(test.data.recipientMasked)}</Alert>}

          <div className="form-actions">
            <Button type="button" onClick={() => setConfirming(true)} disabled={create.isPending}>
              {text.create}
            </Button>
          </div>
        </section>
      )}
      {confirming && preview.data && (
        <ConfirmDialog
          message={text.confirmCreate(formatNumber(preview.data.recipients), preview.data.runCount)}
          confirmLabel={text.create}
          onConfirm={() => {
            setConfirming(false);
            create.mutate();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </Page>
  );
}
