import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZONE_KIND_LABELS } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { mapApi, mapKeys, type Zone } from './map-api.js';
import { formatDecimal, formatLocalDate, vietnamDate, zoneActive } from './map-format.js';
import { useMapText } from './text.js';

type Show = 'active' | 'ended' | 'all';

/** Officials' list of lockdown and isolation zones; a zone in force can be ended today. */
export function ZonesPage() {
  const { text, lang } = useMapText();
  const client = useQueryClient();
  const zones = useQuery({ queryKey: mapKeys.zones, queryFn: mapApi.zones });
  const [show, setShow] = useState<Show>('active');
  const [ending, setEnding] = useState<Zone | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [today] = useState(() => vietnamDate(Date.now()));
  const end = useMutation({
    mutationFn: (zone: Zone) => mapApi.endZone(zone.id),
    onSuccess: (_, zone) => {
      void client.invalidateQueries({ queryKey: mapKeys.zones });
      void client.invalidateQueries({ queryKey: ['map', 'layers'] });
      setNotice(text.zoneEnded(zone.name));
    },
  });
  const rows = (zones.data?.items ?? []).filter((z) => show === 'all' || (show === 'active') === zoneActive(z, today)).sort((a, b) => b.startsOn.localeCompare(a.startsOn));

  return (
    <Page
      title={text.zonesTitle}
      actions={
        <Link className="btn btn-primary" to="/map?draw=1">
          {text.drawNewZone}
        </Link>
      }
    >
      <div className="epimap-scope">
        <p className="lead">{text.zonesHelp}</p>
        {notice && <Alert kind="success">{notice}</Alert>}
        {end.isError && <Alert kind="error">{end.error.message}</Alert>}
        <div className="filters">
          <SelectField label={text.showZones} value={show} onChange={(e) => setShow(e.target.value as Show)}>
            <option value="active">{text.zonesActive}</option>
            <option value="ended">{text.zonesEnded}</option>
            <option value="all">{text.zonesAll}</option>
          </SelectField>
        </div>
        {zones.isPending && <Loading />}
        {zones.isError && <LoadError error={zones.error} onRetry={() => void zones.refetch()} />}
        {zones.data &&
          (rows.length === 0 ? (
            <p className="empty">{text.noZones}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table epimap-table epimap-cards" data-testid="zones">
                <caption className="visually-hidden">{text.zonesTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text.zoneName}</th>
                    <th scope="col">{text.zoneKind}</th>
                    <th scope="col">{text.zoneFrom}</th>
                    <th scope="col">{text.zoneTo}</th>
                    <th scope="col" className="number">
                      {text.communesCovered}
                    </th>
                    <th scope="col" className="number">
                      {text.area}
                    </th>
                    <th scope="col">{text.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((zone) => (
                    <tr key={zone.id}>
                      <th scope="row" data-label={text.zoneName}>
                        {zone.name}
                        {zone.note && <div className="muted">{zone.note}</div>}
                      </th>
                      <td data-label={text.zoneKind}>{ZONE_KIND_LABELS[zone.kind][lang]}</td>
                      <td data-label={text.zoneFrom}>{formatLocalDate(zone.startsOn)}</td>
                      <td data-label={text.zoneTo}>{zone.endsOn ? formatLocalDate(zone.endsOn) : text.noEnd}</td>
                      <td data-label={text.communesCovered} className="number">
                        {formatNumber(zone.communeCodes.length)}
                      </td>
                      <td data-label={text.area} className="number">
                        {text.areaKm2(formatDecimal(zone.areaKm2, lang, 2))}
                      </td>
                      <td data-label={text.actions}>
                        {zoneActive(zone, today) ? (
                          <Button variant="secondary" onClick={() => (setEnding(zone), setNotice(null))} aria-label={text.endZoneOf(zone.name)}>
                            {text.endZone}
                          </Button>
                        ) : (
                          <span className="muted">{text.zoneOver}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {ending && (
          <ConfirmDialog
            message={text.confirmEndZone(ending.name, formatLocalDate(today), formatNumber(ending.communeCodes.length))}
            confirmLabel={text.endZone}
            danger
            onCancel={() => setEnding(null)}
            onConfirm={() => {
              end.mutate(ending);
              setEnding(null);
            }}
          />
        )}
      </div>
    </Page>
  );
}
