import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DECLARATION_FORMS, type DeclarationKind, formVersionDefinition, type Me } from '@phongdich/core';
import { Alert, Button, Loading } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { parseRememberedPlace, REMEMBERED_PLACE_KEY } from './cascade.js';
import { todayInVietnam } from './dates.js';
import { DeclarationSteps } from './declaration-steps.js';
import { declarationKeys, declarationsApi, type FamilyMember, type SubmittedDeclaration } from './declarations-api.js';
import { clearDraft, draftKey, loadDraft, phoneStorage } from './drafts.js';
import { declaredFor, startingAnswers } from './start.js';
import { useDeclarationText } from './text.js';

/** The last declaration of this person and kind (or, failing that, their last domestic one), to copy the person block from. */
async function previousDeclaration(kind: DeclarationKind, subjectId: string | undefined): Promise<Record<string, unknown> | null> {
  const { declaration } = await declarationsApi.latest(kind, subjectId);
  if (declaration || kind === 'domestic') return declaration;
  return (await declarationsApi.latest('domestic', subjectId)).declaration;
}

/** Loads what prefills the form, then opens it; without a network it opens with what the phone has. */
export function PreparedDeclaration(props: {
  kind: DeclarationKind;
  member: FamilyMember | undefined;
  placeId: string | undefined;
  homeUnitCode: string;
  onLeave: () => void;
  onSent: (result: SubmittedDeclaration) => void;
  onQueued: () => void;
}) {
  const [restarts, setRestarts] = useState(0);
  const previous = useQuery({
    queryKey: declarationKeys.latest(props.kind, props.member?.id),
    queryFn: () => previousDeclaration(props.kind, props.member?.id),
    networkMode: 'offlineFirst',
    retry: false,
  });
  if (previous.isPending) return <Loading />;
  return <StartedDeclaration key={restarts} {...props} previous={previous.data ?? null} onRestart={() => setRestarts((n) => n + 1)} />;
}

function StartedDeclaration({
  kind,
  member,
  placeId,
  homeUnitCode,
  previous,
  onRestart,
  onLeave,
  onSent,
  onQueued,
}: {
  kind: DeclarationKind;
  member: FamilyMember | undefined;
  placeId: string | undefined;
  homeUnitCode: string;
  previous: Record<string, unknown> | null;
  onRestart: () => void;
  onLeave: () => void;
  onSent: (result: SubmittedDeclaration) => void;
  onQueued: () => void;
}) {
  const { text } = useDeclarationText();
  const client = useQueryClient();
  const formVersion = DECLARATION_FORMS[kind].current;
  const definition = formVersionDefinition(formVersion)!;
  // Read once when the form opens: the clock, the draft on the phone and the remembered place.
  const [start] = useState(() => {
    const account = client.getQueryData<Me | null>(['me'])?.user.id;
    const key = draftKey(account, kind, member?.id);
    const today = todayInVietnam(Date.now());
    const draft = loadDraft(phoneStorage(), key, formVersion);
    const remembered = parseRememberedPlace(phoneStorage().getItem(REMEMBERED_PLACE_KEY));
    const answers = draft?.answers ?? startingAnswers({ definition, kind, today, previous, member, remembered, homeUnitCode });
    return { key, today, draft, answers };
  });
  const filled: Record<string, string> = { formVersion, declaredFor: declaredFor(member) };
  if (definition.hidden.includes('placeId') && placeId) filled.placeId = placeId;

  const notice = start.draft ? (
    <Alert kind="info">
      {text.draftRestored(formatDateTime(start.draft.savedAt))}{' '}
      <Button
        variant="link"
        onClick={() => {
          clearDraft(phoneStorage(), start.key);
          onRestart();
        }}
      >
        {text.startOver}
      </Button>
    </Alert>
  ) : previous ? (
    <Alert kind="info">{text.prefilled}</Alert>
  ) : undefined;

  return (
    <DeclarationSteps
      definition={definition}
      filled={filled}
      initialAnswers={start.answers}
      initialStep={start.draft?.step ?? 0}
      draftStorageKey={start.key}
      today={start.today}
      subjectId={member?.id}
      notice={notice}
      onLeave={onLeave}
      onSent={onSent}
      onQueued={onQueued}
    />
  );
}

