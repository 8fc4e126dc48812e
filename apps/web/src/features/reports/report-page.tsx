import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CITIZEN_REPORT_KINDS, citizenReportInputSchema, type Unit } from '@phongdich/core';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, Page } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { useFormErrors, validate } from '../../lib/forms.js';

const MAX_SIDE = 1280;

/** Phone photos are large; they are scaled down to 1280 px JPEG before sending over a slow network. */
async function shrink(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.8);
}

/** A citizen reports a suspected case, an arrival from an affected area, or a place ignoring check-ins. */
export function ReportPage({ within }: { within: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof CITIZEN_REPORT_KINDS)[number]>('suspected_case');
  const [description, setDescription] = useState('');
  const [commune, setCommune] = useState<Unit | null>(null);
  const [photo, setPhoto] = useState<string | undefined>(undefined);
  const [location, setLocation] = useState<{ lat: number; lon: number } | undefined>(undefined);
  const errors = useFormErrors();
  const send = useMutation({ mutationFn: (body: unknown) => api('POST', '/api/v1/reports', body), onError: (error) => errors.fromError(error) });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(citizenReportInputSchema, { kind, description, communeCode: commune?.code ?? '', photo, location });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    send.mutate(checked.data);
  }

  if (send.isSuccess) {
    return (
      <Page title={t('report.title')}>
        <Alert kind="success">{t('report.sent')}</Alert>
      </Page>
    );
  }
  return (
    <Page title={t('report.title')}>
      <p className="lead">{t('report.intro')}</p>
      <form className="card" onSubmit={submit} noValidate aria-label={t('report.title')}>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <fieldset className="fieldset">
          <legend>{t('report.kind')}</legend>
          {CITIZEN_REPORT_KINDS.map((k) => (
            <label key={k} className="check">
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {t(`review.reportKinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className={`field${errors.fieldErrors.description ? ' field-invalid' : ''}`}>
          <label htmlFor="report-description">{t('report.description')}</label>
          <textarea id="report-description" rows={4} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
          {errors.fieldErrors.description && <p className="field-error">{errors.fieldErrors.description}</p>}
        </div>
        <UnitPicker label={t('places.commune')} within={within} tier="commune" value={commune} onChange={setCommune} error={errors.fieldErrors.communeCode} />
        <div className="field">
          <label htmlFor="report-photo">{t('report.photo')}</label>
          <input id="report-photo" type="file" accept="image/*" capture="environment" onChange={(e) => e.target.files?.[0] && void shrink(e.target.files[0]).then(setPhoto)} />
        </div>
        <Button
          variant="secondary"
          onClick={() => navigator.geolocation?.getCurrentPosition((p) => setLocation({ lat: Number(p.coords.latitude.toFixed(5)), lon: Number(p.coords.longitude.toFixed(5)) }))}
        >
          {location ? t('report.located') : t('report.locate')}
        </Button>
        <Button type="submit" className="wide" disabled={send.isPending}>
          {t('report.send')}
        </Button>
      </form>
    </Page>
  );
}
