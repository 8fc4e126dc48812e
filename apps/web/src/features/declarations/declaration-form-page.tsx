import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DECLARATION_FORMS, DECLARATION_KINDS, type DeclarationKind } from '@phongdich/core';
import { Alert, Button, Loading, Page } from '../../components/ui.js';
import { KindChooser, type Subject, WhoChooser } from './choosers.js';
import { DeclarationQueued, DeclarationSent } from './declaration-outcome.js';
import { declarationKeys, declarationsApi, type SubmittedDeclaration } from './declarations-api.js';
import { DECLARATION_ROUTES } from './paths.js';
import { PreparedDeclaration } from './prepared-declaration.js';
import { useDeclarationText } from './text.js';

type Outcome = { kind: 'sent'; result: SubmittedDeclaration } | { kind: 'queued' };

export interface DeclarationFormPageProps {
  /** The form to fill in; without it the person chooses (route: ?kind=). */
  kind?: DeclarationKind | undefined;
  /** The health facility of a scanned QR code; required by the medical-facility form (route: ?placeId=). */
  placeId?: string | undefined;
  /** The installation's province (Me.homeUnitCode): where address lists open when nothing is remembered. */
  homeUnitCode: string;
  /** "self" or a family member's id, to skip the choice of person (route: ?subject=). */
  subjectId?: string | undefined;
}

/**
 * A health declaration: choose the form, choose who it is for, answer it step by step, and get the
 * personal QR (or, offline, the word that it will be sent). A link to other choices (the daily update
 * offered on a flagged result) starts afresh, even when the router keeps the page mounted.
 */
export function DeclarationFormPage(props: DeclarationFormPageProps) {
  const kind = props.kind && (DECLARATION_KINDS as readonly string[]).includes(props.kind) ? props.kind : undefined;
  return <DeclarationFlow key={`${kind ?? ''}|${props.subjectId ?? ''}|${props.placeId ?? ''}`} {...props} kind={kind} />;
}

function DeclarationFlow({ kind, placeId, homeUnitCode, subjectId }: DeclarationFormPageProps) {
  const { text, lang } = useDeclarationText();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [chosenKind, setChosenKind] = useState<DeclarationKind | undefined>(undefined);
  const [chosenSubject, setChosenSubject] = useState<Subject | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Back from the first question reopens the choice of person even when the link chose it.
  const [presetDeclined, setPresetDeclined] = useState(false);
  const family = useQuery({ queryKey: declarationKeys.family, queryFn: declarationsApi.family, networkMode: 'offlineFirst', retry: false });

  const activeKind = kind ?? chosenKind;
  const presetMember = subjectId && subjectId !== 'self' ? family.data?.items.find((member) => member.id === subjectId) : undefined;
  const preset = presetDeclined ? undefined : subjectId === 'self' ? {} : presetMember ? { member: presetMember } : undefined;
  const subject = chosenSubject ?? preset;
  const title = activeKind ? DECLARATION_FORMS[activeKind].title[lang] : text.pageTitle;

  function startAnother() {
    setOutcome(null);
    setChosenSubject(undefined);
    setChosenKind(undefined);
    if (kind) void navigate(DECLARATION_ROUTES.newDeclaration);
  }

  function leaveForm() {
    setChosenSubject(undefined);
    setPresetDeclined(true);
  }

  function sent(result: SubmittedDeclaration) {
    setOutcome({ kind: 'sent', result });
    for (const key of [declarationKeys.mine, declarationKeys.status, ['declarations', 'latest'], ['personal-qr']]) void client.invalidateQueries({ queryKey: key });
  }

  if (outcome) {
    return (
      <Page title={title}>
        {outcome.kind === 'sent' ? <DeclarationSent result={outcome.result} subjectId={subject?.member?.id} onAnother={startAnother} /> : <DeclarationQueued onAnother={startAnother} />}
      </Page>
    );
  }
  if (!activeKind) {
    return (
      <Page title={text.pageTitle}>
        <KindChooser placeId={placeId} onChoose={setChosenKind} />
      </Page>
    );
  }
  if (activeKind === 'medical_facility' && !placeId) {
    return (
      <Page title={title}>
        <Alert kind="info">
          {text.missingPlace} <Link to={DECLARATION_ROUTES.scan}>{text.scanFacility}</Link>
        </Alert>
      </Page>
    );
  }
  if (!subject) {
    if (subjectId && !presetDeclined && family.isPending) return <Loading />;
    return (
      <Page title={title}>
        <WhoChooser family={family} onChoose={setChosenSubject} />
        {!kind && (
          <Button variant="link" onClick={() => setChosenKind(undefined)}>
            {text.changeForm}
          </Button>
        )}
      </Page>
    );
  }
  return (
    <Page title={title}>
      {subject.member && <p className="declaring-for">{text.declaringFor(subject.member.displayName)}</p>}
      <PreparedDeclaration
        key={`${activeKind}:${subject.member?.id ?? 'self'}`}
        kind={activeKind}
        member={subject.member}
        placeId={placeId}
        homeUnitCode={homeUnitCode}
        onLeave={leaveForm}
        onSent={sent}
        onQueued={() => setOutcome({ kind: 'queued' })}
      />
    </Page>
  );
}
