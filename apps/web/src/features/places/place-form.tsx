import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SECTOR, PLACE_TYPES, placeRegistrationSchema, SECTORS, type PlaceDetail, type PlaceType, type Unit } from '@phongdich/core';
import { LazyMap } from '../../components/lazy-map.js';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, SelectField, TextField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { placesApi } from './places-api.js';

/**
 * Registration of a place: what it is, where (commune, address, a point on the map), who to call,
 * and the QR points to print. Officials also give the owner's phone.
 */
export function PlaceForm({ within, onBehalf, onRegistered }: { within: string; onBehalf: boolean; onRegistered: (place: PlaceDetail) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: '', type: 'restaurant_cafe' as PlaceType, sector: DEFAULT_SECTOR.restaurant_cafe as string, streetAddress: '', contactName: '', contactPhone: '', ownerPhone: '', capacity: '', openingHours: '' });
  const [commune, setCommune] = useState<Unit | null>(null);
  const [location, setLocation] = useState<{ lat: string; lon: string }>({ lat: '', lon: '' });
  const [points, setPoints] = useState<string[]>(['Cổng chính']);
  const [requiresDeclaration, setRequiresDeclaration] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const hasLocation = location.lat.trim() !== '' || location.lon.trim() !== '';
    const checked = validate(placeRegistrationSchema, {
      name: form.name,
      type: form.type,
      sector: form.sector,
      communeCode: commune?.code ?? '',
      streetAddress: form.streetAddress,
      location: hasLocation ? { lat: Number(location.lat), lon: Number(location.lon) } : null,
      contactName: form.contactName,
      contactPhone: form.contactPhone,
      ownerPhone: onBehalf && form.ownerPhone ? form.ownerPhone : undefined,
      capacity: form.capacity ? Number(form.capacity) : null,
      openingHours: form.openingHours || null,
      requiresDeclaration,
      points: points.map((p) => p.trim()).filter(Boolean),
    });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setBusy(true);
    try {
      onRegistered(await placesApi.register(checked.data));
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  const e = errors.fieldErrors;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('places.register')}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <TextField label={t('places.name')} name="name" value={form.name} onChange={set('name')} error={e.name} />
      <div className="grid-2">
        <SelectField
          label={t('places.type')}
          name="type"
          value={form.type}
          onChange={(event) => {
            const type = event.target.value as PlaceType;
            setForm({ ...form, type, sector: DEFAULT_SECTOR[type] });
          }}
          error={e.type}
        >
          {PLACE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`placeTypes.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('places.sector')} name="sector" value={form.sector} onChange={set('sector')} error={e.sector}>
          {SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {t(`sectors.${sector}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <UnitPicker label={t('places.commune')} help={t('places.communeHelp')} within={within} tier="commune" value={commune} onChange={setCommune} error={e.communeCode} />
      <TextField label={t('places.street')} name="streetAddress" value={form.streetAddress} onChange={set('streetAddress')} error={e.streetAddress} />
      <fieldset className="fieldset">
        <legend>{t('places.location')}</legend>
        <p className="field-help">{t('places.locationHelp')}</p>
        <LazyMap
          label={t('places.location')}
          boundariesOf={commune?.provinceCode ?? within.slice(0, 2)}
          marker={location.lat && location.lon && Number.isFinite(Number(location.lat)) ? { lat: Number(location.lat), lon: Number(location.lon) } : null}
          onPick={(picked) => setLocation({ lat: String(picked.lat), lon: String(picked.lon) })}
          height={280}
        />
        <div className="grid-2">
          <TextField label={t('places.lat')} name="lat" inputMode="decimal" value={location.lat} onChange={(ev) => setLocation({ ...location, lat: ev.target.value })} error={e['location.lat'] ?? e.location} />
          <TextField label={t('places.lon')} name="lon" inputMode="decimal" value={location.lon} onChange={(ev) => setLocation({ ...location, lon: ev.target.value })} error={e['location.lon']} />
        </div>
      </fieldset>
      <div className="grid-2">
        <TextField label={t('places.contactName')} name="contactName" value={form.contactName} onChange={set('contactName')} error={e.contactName} />
        <TextField label={t('places.contactPhone')} name="contactPhone" type="tel" inputMode="tel" value={form.contactPhone} onChange={set('contactPhone')} error={e.contactPhone} />
        {onBehalf && <TextField label={t('places.ownerPhone')} help={t('places.ownerPhoneHelp')} name="ownerPhone" type="tel" inputMode="tel" value={form.ownerPhone} onChange={set('ownerPhone')} error={e.ownerPhone} />}
        <TextField label={t('places.capacity')} name="capacity" inputMode="numeric" value={form.capacity} onChange={set('capacity')} error={e.capacity} />
        <TextField label={t('places.openingHours')} name="openingHours" value={form.openingHours} onChange={set('openingHours')} error={e.openingHours} />
      </div>
      <label className="check">
        <input type="checkbox" checked={requiresDeclaration || form.type === 'health_facility'} disabled={form.type === 'health_facility'} onChange={(ev) => setRequiresDeclaration(ev.target.checked)} />
        {t('places.requiresDeclaration')}
      </label>
      <fieldset className="fieldset">
        <legend>{t('places.pointsTitle')}</legend>
        <p className="field-help">{t('places.pointsHelp')}</p>
        {points.map((point, index) => (
          <div className="row-actions" key={index}>
            <TextField label={`${t('places.pointLabel')} ${index + 1}`} value={point} onChange={(ev) => setPoints(points.map((p, i) => (i === index ? ev.target.value : p)))} error={e[`points.${index}`]} />
            {points.length > 1 && (
              <Button variant="link" onClick={() => setPoints(points.filter((_, i) => i !== index))}>
                {t('places.remove')}
              </Button>
            )}
          </div>
        ))}
        <Button variant="secondary" onClick={() => setPoints([...points, ''])}>
          {t('places.addPoint')}
        </Button>
      </fieldset>
      <Button type="submit" disabled={busy} className="wide">
        {t('places.submit')}
      </Button>
    </form>
  );
}
