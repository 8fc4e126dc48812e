import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SITE_KIND_LABELS, ZONE_KIND_LABELS, type UnitRisk } from '@phongdich/core';
import { Button } from '../../components/ui.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { ClearOverride, CommuneRiskFacts, OverrideForm, RiskHistory } from './commune-risk.js';
import type { LayerProps } from './map-api.js';
import { formatLocalDate } from './map-format.js';
import { SafetyBadge } from './map-ui.js';
import { useMapText } from './text.js';

export type Selection =
  | { kind: 'commune'; code: string; name: string }
  /** props is null while a search result waits for the map data around it. */
  | { kind: 'feature'; key: string; name: string; props: LayerProps | null; detail?: string };

/**
 * The side panel for what was chosen on the map or in the list: a commune's level (with history
 * and the override form for officials), or a marker's details. Focus moves to its heading when it
 * was chosen from a list, so keyboard and screen-reader users land on what they asked for.
 */
export function SelectionPanel({
  selection,
  risk,
  official,
  focus,
  onClose,
}: {
  selection: Selection;
  risk: UnitRisk | undefined;
  official: boolean;
  focus: boolean;
  onClose: () => void;
}) {
  const { text } = useMapText();
  const heading = useRef<HTMLHeadingElement>(null);
  const name = selection.name;
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus, selection]);
  return (
    <section className="card epimap-panel" aria-labelledby="epimap-panel-title" data-testid="map-panel" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="epimap-panel-head">
        <h2 id="epimap-panel-title" ref={heading} tabIndex={-1}>
          {name}
        </h2>
        <Button variant="secondary" onClick={onClose} aria-label={text.closePanel(name)}>
          {text.close}
        </Button>
      </div>
      {selection.kind === 'commune' && <CommuneBody code={selection.code} risk={risk} official={official} />}
      {selection.kind === 'feature' && selection.props && <FeatureBody props={selection.props} official={official} />}
      {selection.kind === 'feature' && !selection.props && <p>{selection.detail}</p>}
    </section>
  );
}

function CommuneBody({ code, risk, official }: { code: string; risk: UnitRisk | undefined; official: boolean }) {
  const { text } = useMapText();
  if (!risk) return <p className="empty">{text.noRiskForCommune}</p>;
  return (
    <>
      <CommuneRiskFacts risk={risk} />
      {official && (
        <>
          <h3>{text.historyTitle}</h3>
          <RiskHistory code={code} />
          <h3>{text.overrideTitle}</h3>
          <p className="field-help">{text.overrideHelp}</p>
          <div className="row-actions">
            <ClearOverride risk={risk} />
          </div>
          <OverrideForm key={code} risk={risk} />
        </>
      )}
    </>
  );
}

function FeatureBody({ props, official }: { props: LayerProps; official: boolean }) {
  const { text, lang } = useMapText();
  const { t } = useTranslation();
  switch (props.layer) {
    case 'checkpoint':
      return (
        <>
          <dl className="facts">
            {props.type && (
              <>
                <dt>{text.placeType}</dt>
                <dd>{t(`placeTypes.${props.type}`)}</dd>
              </>
            )}
            <dt>{text.safety}</dt>
            <dd>
              <SafetyBadge level={props.safetyLevel} />
            </dd>
          </dl>
          <p className="field-help">{text.safetyHelp}</p>
          {official && (
            <p className="row-actions">
              <Link to={`/places/${encodeURIComponent(props.id)}`}>{text.openPlace}</Link>
              <Link to={`/places/${encodeURIComponent(props.id)}/assessment`}>{text.openAssessment}</Link>
            </p>
          )}
        </>
      );
    case 'checkpoint_cluster':
      return <p>{text.clusterHelp(formatNumber(props.count))}</p>;
    case 'case_place':
      return (
        <>
          <dl className="facts">
            <dt>{text.caseWindow}</dt>
            <dd>
              {formatDateTime(props.firstAt)} – {formatDateTime(props.lastAt)}
            </dd>
            <dt>{text.caseCount}</dt>
            <dd>{formatNumber(props.caseCount)}</dd>
          </dl>
          <Advice>
            <p>{text.casePlaceAdvice}</p>
            <Link to="/declarations/new">{text.declareLink}</Link>
          </Advice>
        </>
      );
    case 'zone':
      return (
        <>
          <dl className="facts">
            <dt>{text.zoneKind}</dt>
            <dd>{ZONE_KIND_LABELS[props.kind][lang]}</dd>
            <dt>{text.zoneFrom}</dt>
            <dd>{formatLocalDate(props.startsOn)}</dd>
            <dt>{text.zoneTo}</dt>
            <dd>{props.endsOn ? formatLocalDate(props.endsOn) : text.noEnd}</dd>
          </dl>
          <p className="field-help">{text.zoneAdvice}</p>
          {official && <Link to="/map/zones">{text.manageZones}</Link>}
        </>
      );
    case 'site':
      return (
        <dl className="facts">
          <dt>{text.siteKind}</dt>
          <dd>{SITE_KIND_LABELS[props.kind][lang]}</dd>
          <dt>{text.address}</dt>
          <dd>{props.address}</dd>
          {props.openingHours && (
            <>
              <dt>{text.openingHours}</dt>
              <dd>{props.openingHours}</dd>
            </>
          )}
          {props.phone && (
            <>
              <dt>{text.phone}</dt>
              <dd>
                <a href={`tel:${props.phone}`}>{props.phone.replace(/^\+84/, '0')}</a>
              </dd>
            </>
          )}
        </dl>
      );
  }
}

function Advice({ children }: { children: ReactNode }) {
  return <div className="alert alert-info epimap-advice">{children}</div>;
}
