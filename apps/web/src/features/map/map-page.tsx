import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, LoadError, Loading, Page } from '../../components/ui.js';
import { useMe } from '../../lib/session.js';
import { baseMapOf } from './base-map.js';
import type { MapHandle, MapTarget } from './epidemic-map.js';
import { SelectionPanel, type Selection } from './feature-panel.js';
import { LayerPanel } from './layer-panel.js';
import { EMPTY_LAYERS, mapApi, mapKeys, type BBox, type MapConfig, type PolygonGeometry, type Position, type SearchItem } from './map-api.js';
import { formatLocalDate } from './map-format.js';
import { bboxParam, boundsOf, featureKey, parseLayerState, requestArea, serverLayers, visibleFeatures, writeLayerState, type LayerState, type ListedFeature } from './map-layers.js';
import { CommuneRiskList, VisibleList } from './map-lists.js';
import { MapSearch, NearMe } from './map-search.js';
import { OFFICIAL_ROLES } from './map-ui.js';
import { outerOutline } from './outline.js';
import { levelCounts, withRisk } from './risk-style.js';
import { useMapText } from './text.js';
import { webglAvailable } from './webgl.js';
import { DrawToolbar, ZoneForm, zoneSavedMessage } from './zone-draw.js';

// MapLibre is large; it loads only when the map is on screen.
const EpidemicMap = lazy(() => import('./epidemic-map.js').then((m) => ({ default: m.EpidemicMap })));

/** The public epidemic map (no sign-in), with officials' extras when an official is signed in. */
export function MapPage() {
  const { text } = useMapText();
  const config = useQuery({ queryKey: mapKeys.config, queryFn: mapApi.config, staleTime: 300_000 });
  if (config.isPending)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (config.isError)
    return (
      <Page title={text.title}>
        <LoadError error={config.error} onRetry={() => void config.refetch()} />
      </Page>
    );
  return <MapScreen config={config.data} />;
}

function MapScreen({ config }: { config: MapConfig }) {
  const { text } = useMapText();
  const me = useMe().data;
  const official = !!me && OFFICIAL_ROLES.includes(me.user.role);
  const [params, setParams] = useSearchParams();
  // The layers live in the address (a shared link shows the same map), mirrored in state so a
  // switch responds at once rather than after the navigation.
  const [layerState, setLayerStateNow] = useState(() => parseLayerState(params));
  const setLayerState = (state: LayerState) => {
    setLayerStateNow(state);
    setParams((current) => writeLayerState(state, current), { replace: true });
  };
  const home = config.homeUnit.code;

  const boundaries = useQuery({ queryKey: mapKeys.boundaries(home), queryFn: () => mapApi.boundaries(home), staleTime: Infinity });
  const risk = useQuery({ queryKey: mapKeys.risk(home), queryFn: () => mapApi.risk(home), staleTime: 60_000 });
  const riskItems = useMemo(() => risk.data?.items ?? [], [risk.data]);
  const riskByCode = useMemo(() => new Map(riskItems.map((r) => [r.code, r])), [riskItems]);
  const communes = useMemo(() => (boundaries.data ? withRisk(boundaries.data, riskItems) : null), [boundaries.data, riskItems]);
  const outline = useMemo(() => (boundaries.data ? outerOutline(boundaries.data.features.map((f) => f.geometry)) : null), [boundaries.data]);
  const counts = useMemo(() => (risk.data ? levelCounts(riskItems) : null), [risk.data, riskItems]);

  const [online] = useState(() => navigator.onLine);
  const base = useMemo(() => baseMapOf(config.styleUrl, online), [config.styleUrl, online]);
  const [supported, setSupported] = useState(webglAvailable);
  const mapRef = useRef<MapHandle>(null);

  // The view as the map last reported it (after movement ends); without a map, the whole province.
  const [view, setView] = useState<{ bounds: BBox; zoom: number; known: boolean }>({ bounds: config.bbox, zoom: 10, known: false });
  const area = requestArea(view.bounds, view.zoom);
  const layersParam = serverLayers(layerState);
  const request = { bbox: bboxParam(area.bbox), zoom: area.zoom, layers: layersParam, days: layerState.days };
  const layerQuery = useQuery({
    queryKey: mapKeys.layers(request),
    queryFn: ({ signal }) => mapApi.layers(request, signal),
    enabled: layersParam !== '' && (view.known || !supported),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const layerData = layersParam !== '' && layerQuery.data ? layerQuery.data : EMPTY_LAYERS;
  const listed = useMemo(() => visibleFeatures(layerData, view.bounds, layerState), [layerData, view.bounds, layerState]);

  const [selection, setSelection] = useState<{ value: Selection; focus: boolean } | null>(null);
  const [here, setHere] = useState<Position | null>(null);
  const [drawing, setDrawing] = useState<Position[] | null>(() => (official && params.get('draw') === '1' ? [] : null));
  const [draft, setDraft] = useState<PolygonGeometry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shownDrawing = useMemo(() => drawing ?? (draft ? (draft.coordinates[0] ?? []).slice(0, -1) : null), [drawing, draft]);

  // A chosen marker shows its latest properties once the data around it has loaded.
  const current = useMemo((): Selection | null => {
    const value = selection?.value;
    if (!value || value.kind === 'commune') return value ?? null;
    const fresh = layerData.features.find((f) => featureKey(f.properties, [0, 0]) === value.key);
    return fresh ? { ...value, props: fresh.properties } : value;
  }, [selection, layerData]);
  const selectedKey = current ? (current.kind === 'commune' ? `commune:${current.code}` : current.key) : null;

  const communeName = (code: string) => riskByCode.get(code)?.name ?? boundaries.data?.features.find((f) => f.properties.code === code)?.properties.name ?? code;
  const chooseCommune = (code: string, focus: boolean) => setSelection({ value: { kind: 'commune', code, name: communeName(code) }, focus });
  const fitCommune = (code: string) => {
    const feature = boundaries.data?.features.find((f) => f.properties.code === code);
    const box = feature ? boundsOf(feature.geometry.coordinates) : null;
    if (box) mapRef.current?.fitBounds(box);
  };

  function onMapSelect(target: MapTarget) {
    if (target.kind === 'commune') chooseCommune(target.code, false);
    else setSelection({ value: { kind: 'feature', key: featureKey(target.props, target.anchor), name: 'name' in target.props ? target.props.name : text.cluster, props: target.props }, focus: false });
  }

  function onListChoose(item: ListedFeature) {
    setSelection({ value: { kind: 'feature', key: item.key, name: 'name' in item.props ? item.props.name : text.cluster, props: item.props }, focus: true });
    mapRef.current?.flyTo(item.anchor);
  }

  function onSearchChoose(item: SearchItem) {
    const position: Position = [item.lon, item.lat];
    mapRef.current?.flyTo(position, item.kind === 'unit' ? 12 : 16);
    if (item.kind === 'unit') {
      if (riskByCode.has(item.id)) chooseCommune(item.id, true);
      return;
    }
    const layer = item.kind === 'place' ? 'checkpoint' : 'site';
    setSelection({ value: { kind: 'feature', key: `${layer}:${item.id}`, name: item.name, props: null, detail: item.detail }, focus: true });
  }

  return (
    <section className="page epimap-page epimap-scope" aria-labelledby="page-title">
      <header className="page-header epimap-header">
        <div>
          <h1 id="page-title">{text.title}</h1>
          <p className="muted">
            {config.homeUnit.name}
            {risk.data && ` · ${risk.data.date ? text.levelsDate(formatLocalDate(risk.data.date)) : text.noLevelsYet}`}
          </p>
        </div>
        {official && (
          <nav className="row-actions" aria-label={text.officialLinks}>
            <Link to="/map/levels">{text.levelsLink}</Link>
            <Link to="/map/zones">{text.zonesLink}</Link>
            <Link to="/map/sites">{text.sitesLink}</Link>
          </nav>
        )}
      </header>

      <div className="epimap-tools">
        <MapSearch onChoose={onSearchChoose} />
        {supported && (
          <NearMe
            area={config.bbox}
            onFound={(position) => {
              setHere(position);
              mapRef.current?.flyTo(position, 14);
            }}
          />
        )}
        {official && supported && !draft && (
          <Button
            variant={drawing ? 'primary' : 'secondary'}
            aria-pressed={drawing !== null}
            onClick={() => {
              setNotice(null);
              setDrawing(drawing ? null : []);
              setSelection(null);
            }}
          >
            {text.drawZone}
          </Button>
        )}
      </div>

      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="epimap-layout">
        <div className="epimap-stage">
          {supported ? (
            <Suspense fallback={<Loading />}>
              <EpidemicMap
                ref={mapRef}
                label={text.mapLabel(config.homeUnit.name)}
                controlNames={{ map: text.mapLabel(config.homeUnit.name), zoomIn: text.zoomIn, zoomOut: text.zoomOut }}
                base={base}
                bbox={config.bbox}
                communes={communes}
                outline={outline}
                layers={layerData}
                visible={layerState.visible}
                selectedKey={selectedKey}
                drawing={shownDrawing}
                here={here}
                onView={(next) => setView({ ...next, known: true })}
                onSelect={onMapSelect}
                onDrawPoint={(position) => setDrawing((vertices) => (vertices ? [...vertices, position] : vertices))}
                onFailed={() => setSupported(false)}
              />
            </Suspense>
          ) : (
            <Alert kind="info">{text.noWebgl}</Alert>
          )}
          {supported && layerQuery.isFetching && (
            <span className="epimap-busy" aria-hidden="true">
              {text.loadingLayers}
            </span>
          )}
          {layerQuery.isError && <LoadError error={layerQuery.error} onRetry={() => void layerQuery.refetch()} />}
          {(boundaries.isError || risk.isError) && <LoadError error={boundaries.error ?? risk.error} onRetry={() => void Promise.all([boundaries.refetch(), risk.refetch()])} />}
        </div>
        <div className="epimap-side">
          {drawing && (
            <DrawToolbar
              vertices={drawing}
              onChange={setDrawing}
              onAddCentre={() => {
                const centre = mapRef.current?.center();
                if (centre) setDrawing([...drawing, centre]);
              }}
              onFinish={(polygon) => {
                setDraft(polygon);
                setDrawing(null);
              }}
              onCancel={() => setDrawing(null)}
            />
          )}
          {draft && (
            <ZoneForm
              polygon={draft}
              onSaved={(zone) => {
                setDraft(null);
                setNotice(zoneSavedMessage(zone, text));
              }}
              onCancel={() => {
                setDrawing((draft.coordinates[0] ?? []).slice(0, -1));
                setDraft(null);
              }}
            />
          )}
          {current && (
            <SelectionPanel
              selection={current}
              risk={current.kind === 'commune' ? riskByCode.get(current.code) : undefined}
              official={official}
              focus={selection?.focus ?? false}
              onClose={() => setSelection(null)}
            />
          )}
          <LayerPanel state={layerState} onChange={setLayerState} riskDate={risk.data?.date ?? null} counts={counts} unitName={config.homeUnit.name} />
        </div>
      </div>

      <VisibleList groups={listed} loading={layerQuery.isFetching && !layerQuery.data} mapShown={supported} onChoose={onListChoose} onZoom={(item) => mapRef.current?.zoomInAt(item.anchor)} />
      {layerState.visible.risk && risk.data && (
        <CommuneRiskList
          items={riskItems}
          onChoose={(r) => {
            chooseCommune(r.code, true);
            fitCommune(r.code);
          }}
        />
      )}
    </section>
  );
}
