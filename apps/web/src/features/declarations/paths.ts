import { DECLARATION_KINDS, type DeclarationKind } from '@phongdich/core';
import { query } from '../../lib/api.js';

/** Where the declaration screens live; the router must mount the pages at these paths. */
export const DECLARATION_ROUTES = {
  newDeclaration: '/declarations/new',
  mine: '/declarations',
  /** One sent declaration read back: `/declarations/sent/<id>`. */
  sent: '/declarations/sent/:id',
  family: '/family',
  scan: '/scan',
  home: '/',
} as const;

/**
 * The link to a declaration form: `kind` skips the choice of form, `subject` the choice of person
 * ("self" or a family member's id), `placeId` is the health facility of a scanned QR code.
 */
export function newDeclarationPath(params: { kind?: DeclarationKind; subject?: string; placeId?: string } = {}): string {
  return `${DECLARATION_ROUTES.newDeclaration}${query({ kind: params.kind, subject: params.subject, placeId: params.placeId })}`;
}

export function sentDeclarationPath(id: string): string {
  return DECLARATION_ROUTES.sent.replace(':id', encodeURIComponent(id));
}

/** The form kind named in a link (?kind=), or undefined when absent or unknown. */
export function parseKind(value: string | null | undefined): DeclarationKind | undefined {
  return DECLARATION_KINDS.find((kind) => kind === value);
}
