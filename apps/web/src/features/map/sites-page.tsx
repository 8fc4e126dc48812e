import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SITE_KIND_LABELS, SITE_KINDS, siteInputSchema, type Unit } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { LazyMap } from '../../components/lazy-map.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { UnitPicker } from '../../components/unit-picker.js';
import { formatNumber } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { mapApi, mapKeys, type Site } from './map-api.js';
import { parseDecimal, parseWhole } from './map-format.js';
import { SITE_COLOURS, type SiteKind } from './map-icons.js';
import { useMapText } from './text.js';

/** Officials' list of testing, vaccination and treatment sites, with adding, editing and removing. */
export function SitesPage({ within, mapUnit }: { within: string; mapUnit: string }) {
  const { text, lang } = useMapText();
  const client = useQueryClient();
  const sites = useQuery({ queryKey: mapKeys.sites, queryFn: mapApi.sites });
  const [kind, setKind] = useState<'' | SiteKind>('');
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [removing, setRemoving] = useState<Site | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: mapKeys.sites });
    void client.invalidateQueries({ queryKey: ['map', 'layers'] });
  };
  const remove = useMutation({
    mutationFn: (site: Site) => mapApi.deleteSite(site.id),
    onSuccess: (_, site) => {
      refresh();
      setNotice(text.siteRemoved(site.name));
    },
  });
  const rows = (sites.data?.items ?? []).filter((s) => !kind || s.kind === kind);

  return (
    <Page
      title={text.sitesTitle}
      actions={
        <Button onClick={() => (setEditing('new'), setNotice(null))} aria-expanded={editing === 'new'} aria-controls="site-form">
          {text.addSite}
        </Button>
      }
    >
      <div className="epimap-scope">
        <p className="lead">{text.sitesHelp}</p>
        {notice && <Alert kind="success">{notice}</Alert>}
        {remove.isError && <Alert kind="error">{remove.error.message}</Alert>}
        <div id="site-form">
          {editing && (
            <SiteForm
              key={editing === 'new' ? 'new' : editing.id}
              site={editing === 'new' ? null : editing}
              within={within}
              mapUnit={mapUnit}
              others={sites.data?.items ?? []}
              onSaved={(saved) => {
                refresh();
                setEditing(null);
                setNotice(text.siteSaved(saved.name));
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </div>
        <div className="filters">
          <SelectField label={text.siteKind} value={kind} onChange={(e) => setKind(e.target.value as '' | SiteKind)}>
            <option value="">{text.allKinds}</option>
            {SITE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SITE_KIND_LABELS[k][lang]}
              </option>
            ))}
          </SelectField>
        </div>
        {sites.isPending && <Loading />}
        {sites.isError && <LoadError error={sites.error} onRetry={() => void sites.refetch()} />}
        {sites.data && (
          <>
            <p className="muted" aria-live="polite">
              {text.siteCount(formatNumber(rows.length))}
            </p>
            {rows.length === 0 ? (
              <p className="empty">{text.noSites}</p>
            ) : (
              <div className="table-wrap">
                <table className="data-table epimap-table epimap-cards" data-testid="sites">
                  <caption className="visually-hidden">{text.sitesTitle}</caption>
                  <TableHead columns={[text.siteName, text.siteKind, text.commune, text.address, text.openingHours, text.phone, text.actions]} />
                  <tbody>
                    {rows.map((site) => (
                      <tr key={site.id}>
                        <th scope="row" data-label={text.siteName}>
                          {site.name}
                        </th>
                        <td data-label={text.siteKind}>{SITE_KIND_LABELS[site.kind][lang]}</td>
                        <td data-label={text.commune}>{site.communeName}</td>
                        <td data-label={text.address}>{site.address}</td>
                        <td data-label={text.openingHours}>{site.openingHours ?? '—'}</td>
                        <td data-label={text.phone}>{site.phone ? site.phone.replace(/^\+84/, '0') : '—'}</td>
                        <td data-label={text.actions}>
                          <div className="row-actions">
                            <Button variant="secondary" onClick={() => (setEditing(site), setNotice(null))} aria-label={text.editSiteOf(site.name)}>
                              {text.edit}
                            </Button>
                            <Button variant="link" onClick={() => setRemoving(site)} aria-label={text.removeSiteOf(site.name)}>
                              {text.remove}
                            </Button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
        {removing && (
          <ConfirmDialog
            message={text.confirmRemoveSite(removing.name)}
            confirmLabel={text.remove}
            danger
            onCancel={() => setRemoving(null)}
            onConfirm={() => {
              remove.mutate(removing);
              setRemoving(null);
            }}
          />
        )}
      </div>
    </Page>
  );
}

/** The picker shows a chosen commune by its name; a saved site only knows its code and name. */
function unitOf(code: string, name: string): Unit {
  return { code, name, shortName: name, nameEn: name, type: '', typeShort: '', tier: 'commune', parentCode: null, provinceCode: '', population: null };
}

function SiteForm({ site, within, mapUnit, others, onSaved, onCancel }: { site: Site | null; within: string; mapUnit: string; others: Site[]; onSaved: (site: Site) => void; onCancel: () => void }) {
  const { text, lang } = useMapText();
  const errors = useFormErrors();
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<SiteKind>(site?.kind ?? 'test');
  const [commune, setCommune] = useState<Unit | null>(site ? unitOf(site.communeCode, site.communeName) : null);
  const [address, setAddress] = useState(site?.address ?? '');
  const [lat, setLat] = useState(site ? String(site.location.lat) : '');
  const [lon, setLon] = useState(site ? String(site.location.lon) : '');
  const [openingHours, setOpeningHours] = useState(site?.openingHours ?? '');
  const [phone, setPhone] = useState(site?.phone ? site.phone.replace(/^\+84/, '0') : '');
  const [capacity, setCapacity] = useState(site?.capacity === null || site?.capacity === undefined ? '' : String(site.capacity));
  const save = useMutation({
    mutationFn: (body: Parameters<typeof mapApi.createSite>[0]) => (site ? mapApi.updateSite(site.id, body) : mapApi.createSite(body)),
    onSuccess: onSaved,
    onError: (error) => errors.fromError(error),
  });
  const latValue = parseDecimal(lat);
  const lonValue = parseDecimal(lon);
  const marker = latValue !== null && lonValue !== null && Number.isFinite(latValue) && Number.isFinite(lonValue) ? { lat: latValue, lon: lonValue } : null;
  const points = useMemo(
    () => others.filter((o) => o.id !== site?.id).map((o) => ({ id: o.id, lat: o.location.lat, lon: o.location.lon, color: SITE_COLOURS[o.kind], title: o.name })),
    [others, site],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const capacityValue = parseWhole(capacity);
    const checked = validate(siteInputSchema, {
      name,
      kind,
      communeCode: commune?.code ?? '',
      address,
      location: { lat: latValue ?? undefined, lon: lonValue ?? undefined },
      openingHours: openingHours.trim() || undefined,
      phone: phone.trim() || undefined,
      capacity: capacityValue ?? undefined,
    });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    save.mutate(checked.data);
  }

  const locationError = errors.fieldErrors['location.lat'] ?? errors.fieldErrors['location.lon'] ?? errors.fieldErrors.location;
  return (
    <section className="card" aria-labelledby="site-form-title">
      <h2 id="site-form-title">{site ? text.editSiteOf(site.name) : text.addSite}</h2>
      <form onSubmit={submit} noValidate className="epimap-form">
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <div className="grid-2">
          <TextField label={text.siteName} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
          <SelectField label={text.siteKind} value={kind} onChange={(e) => setKind(e.target.value as SiteKind)} error={errors.fieldErrors.kind}>
            {SITE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SITE_KIND_LABELS[k][lang]}
              </option>
            ))}
          </SelectField>
          <UnitPicker label={text.commune} within={within} tier="commune" value={commune} onChange={setCommune} error={errors.fieldErrors.communeCode} />
          <TextField label={text.address} value={address} maxLength={300} onChange={(e) => setAddress(e.target.value)} error={errors.fieldErrors.address} />
        </div>
        <fieldset className="fieldset">
          <legend>{text.location}</legend>
          <p className="field-help">{text.locationHelp}</p>
          <div className="grid-2">
            <TextField label={text.latitude} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} error={errors.fieldErrors['location.lat']} />
            <TextField label={text.longitude} inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} error={errors.fieldErrors['location.lon']} />
          </div>
          {locationError && !errors.fieldErrors['location.lat'] && !errors.fieldErrors['location.lon'] && <p className="field-error">{locationError}</p>}
          <LazyMap
            label={text.pickOnMap}
            boundariesOf={mapUnit}
            height={320}
            points={points}
            marker={marker}
            onPick={(picked) => {
              setLat(String(picked.lat));
              setLon(String(picked.lon));
            }}
          />
        </fieldset>
        <div className="grid-2">
          <TextField label={text.openingHours} help={text.openingHoursHelp} value={openingHours} maxLength={200} onChange={(e) => setOpeningHours(e.target.value)} error={errors.fieldErrors.openingHours} />
          <TextField label={text.phone} type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.fieldErrors.phone} />
          <TextField label={text.capacity} help={text.capacityHelp} inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} error={errors.fieldErrors.capacity} />
        </div>
        <div className="form-actions">
          <Button type="submit" disabled={save.isPending}>
            {text.saveSite}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </section>
  );
}
