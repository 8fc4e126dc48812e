import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ZONE_KIND_LABELS, ZONE_KINDS, zoneInputSchema } from '@phongdich/core';
import { Alert, Button, SelectField, TextAreaField, TextField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { mapApi, mapKeys, type PolygonGeometry, type Position, type Zone } from './map-api.js';
import { formatDecimal, vietnamDate } from './map-format.js';
import { closeRing, distinctVertices, drawProblem, ringAreaKm2, toPolygon, undoLast } from './polygon-draw.js';
import { useMapText } from './text.js';

/**
 * The zone drawing tools: corners are added by clicking the map, or, from the keyboard, at the map's
 * centre (arrow keys move the map). Problems show while drawing, before anything is sent.
 */
export function DrawToolbar({
  vertices,
  onChange,
  onAddCentre,
  onFinish,
  onCancel,
}: {
  vertices: Position[];
  onChange: (vertices: Position[]) => void;
  onAddCentre: () => void;
  onFinish: (polygon: PolygonGeometry) => void;
  onCancel: () => void;
}) {
  const { text, lang } = useMapText();
  const section = useRef<HTMLElement>(null);
  // Braces matter: newer browsers return a promise from scrollIntoView, and React would take it for
  // the effect's clean-up and crash when the toolbar closes.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const problem = drawProblem(vertices);
  const corners = distinctVertices(vertices).length;
  const area = corners >= 3 ? ringAreaKm2(closeRing(vertices)) : 0;
  return (
    <section ref={section} className="card epimap-draw" aria-labelledby="epimap-draw-title" data-testid="draw-toolbar">
      <h2 id="epimap-draw-title">{text.drawTitle}</h2>
      <p>{text.drawHelp}</p>
      <p aria-live="polite" className={problem === 'self_intersecting' || problem === 'too_many' ? 'field-error' : 'muted'}>
        {text.cornerCount(corners)}
        {corners >= 3 && ` · ${text.areaKm2(formatDecimal(area, lang, 2))}`}
        {problem && corners > 0 && ` · ${text.drawProblems[problem]}`}
      </p>
      <div className="row-actions">
        <Button variant="secondary" onClick={onAddCentre}>
          {text.addCentre}
        </Button>
        <Button variant="secondary" onClick={() => onChange(undoLast(vertices))} disabled={vertices.length === 0}>
          {text.undoPoint}
        </Button>
        <Button onClick={() => onFinish(toPolygon(vertices))} disabled={problem !== null}>
          {text.finishDrawing}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {text.cancelDrawing}
        </Button>
      </div>
    </section>
  );
}

/** Name, kind and dates of a drawn zone, then POST /map/zones. */
export function ZoneForm({ polygon, onSaved, onCancel }: { polygon: PolygonGeometry; onSaved: (zone: Zone) => void; onCancel: () => void }) {
  const { text, lang } = useMapText();
  const client = useQueryClient();
  const errors = useFormErrors();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof ZONE_KINDS)[number]>('lockdown');
  const [startsOn, setStartsOn] = useState(() => vietnamDate(Date.now()));
  const [endsOn, setEndsOn] = useState('');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: (body: unknown) => mapApi.createZone(body),
    onSuccess: (zone) => {
      void client.invalidateQueries({ queryKey: ['map', 'layers'] });
      void client.invalidateQueries({ queryKey: mapKeys.zones });
      onSaved(zone);
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(zoneInputSchema, { name, kind, geometry: polygon, startsOn, endsOn: endsOn || undefined, note: note.trim() || undefined });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    if (checked.data.endsOn && checked.data.endsOn < checked.data.startsOn) return errors.setFieldErrors({ endsOn: text.endBeforeStart });
    save.mutate(checked.data);
  }

  const ring = polygon.coordinates[0] ?? [];
  return (
    <section className="card epimap-zone-form" aria-labelledby="epimap-zone-title">
      <h2 id="epimap-zone-title">{text.newZoneTitle}</h2>
      <p className="muted">
        {text.cornerCount(ring.length - 1)} · {text.areaKm2(formatDecimal(ringAreaKm2(ring), lang, 2))}
      </p>
      <form onSubmit={submit} noValidate className="epimap-form">
        {(errors.formError ?? errors.fieldErrors.geometry) && <Alert kind="error">{errors.formError ?? errors.fieldErrors.geometry}</Alert>}
        <TextField label={text.zoneName} autoFocus value={name} maxLength={200} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
        <SelectField label={text.zoneKind} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} error={errors.fieldErrors.kind}>
          {ZONE_KINDS.map((k) => (
            <option key={k} value={k}>
              {ZONE_KIND_LABELS[k][lang]}
            </option>
          ))}
        </SelectField>
        <div className="grid-2">
          <TextField label={text.zoneFrom} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={errors.fieldErrors.startsOn} />
          <TextField label={text.zoneTo} help={text.zoneToHelp} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} error={errors.fieldErrors.endsOn} />
        </div>
        <TextAreaField label={text.zoneNote} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={errors.fieldErrors.note} />
        <div className="form-actions">
          <Button type="submit" disabled={save.isPending}>
            {text.saveZone}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** What a saved zone covers, said back to the official. */
export function zoneSavedMessage(zone: Zone, text: ReturnType<typeof useMapText>['text']): string {
  return text.zoneSaved(zone.name, formatNumber(zone.communeCodes.length));
}
