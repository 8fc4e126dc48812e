import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { DECLARATION_FORMS, DECLARATION_KINDS, type DeclarationKind } from '@phongdich/core';
import type { FamilyMember } from './declarations-api.js';
import { DECLARATION_ROUTES } from './paths.js';
import { useDeclarationText } from './text.js';

/** The person declared for: the account holder (no member) or one of their family members. */
export interface Subject {
  member?: FamilyMember | undefined;
}

/** The forms as big tiles; the medical-facility form opens only from a facility's QR code. */
export function KindChooser({ placeId, onChoose }: { placeId: string | undefined; onChoose: (kind: DeclarationKind) => void }) {
  const { text, lang } = useDeclarationText();
  return (
    <section aria-labelledby="choose-form-title">
      <h2 id="choose-form-title">{text.chooseForm}</h2>
      <ul className="choice-list">
        {DECLARATION_KINDS.map((kind) => (
          <li key={kind}>
            {kind === 'medical_facility' && !placeId ? (
              <Link className="choice-tile" to={DECLARATION_ROUTES.scan}>
                <strong>{DECLARATION_FORMS[kind].title[lang]}</strong>
                <span>{text.formHelp[kind]}</span>
                <span>{text.scanFacility}</span>
              </Link>
            ) : (
              <button type="button" className="choice-tile" onClick={() => onChoose(kind)}>
                <strong>{DECLARATION_FORMS[kind].title[lang]}</strong>
                <span>{text.formHelp[kind]}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Myself or one of the family members, with the way to the family list. */
export function WhoChooser({ family, onChoose }: { family: UseQueryResult<{ items: FamilyMember[] }>; onChoose: (subject: Subject) => void }) {
  const { text } = useDeclarationText();
  return (
    <section aria-labelledby="choose-who-title">
      <h2 id="choose-who-title">{text.chooseWho}</h2>
      <ul className="choice-list">
        <li>
          <button type="button" className="choice-tile" onClick={() => onChoose({})}>
            <strong>{text.myself}</strong>
          </button>
        </li>
        {family.data?.items.map((member) => (
          <li key={member.id}>
            <button type="button" className="choice-tile" onClick={() => onChoose({ member })}>
              <strong>{member.displayName}</strong>
              <span>
                {text.relations[member.relation] ?? member.relation}
                {member.birthYear !== null && ` · ${text.bornIn(member.birthYear)}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {family.isPending && <p className="muted">{text.familyLoading}</p>}
      {family.isError && !family.data && <p className="muted">{text.familyUnavailable}</p>}
      <p>
        <Link to={DECLARATION_ROUTES.family}>{text.manageFamily}</Link>
      </p>
    </section>
  );
}
