import { DECLARATION_FORMS, formKindOf, type MyDeclaration } from '@phongdich/core';
import { useMe } from '../../lib/session.js';
import { useDeclarationText } from './text.js';

/** How a sent declaration is named in the list and when read back: its form's title, and whom it was for. */
export function useSentLabels() {
  const { text, lang } = useDeclarationText();
  const myId = useMe().data?.user.id;
  return {
    titleOf: (formVersion: string) => {
      const kind = formKindOf(formVersion);
      return kind ? DECLARATION_FORMS[kind].title[lang] : formVersion;
    },
    // The citizen's own declarations say "myself" rather than their masked phone number.
    whoFor: (declaration: Pick<MyDeclaration, 'subjectId' | 'subjectName'>) => (declaration.subjectId === myId ? text.forSelf : declaration.subjectName),
  };
}
