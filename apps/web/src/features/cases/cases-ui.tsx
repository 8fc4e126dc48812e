import type { ReactNode } from 'react';
import { ModalDialog } from '../../components/ui.js';
import type { Case, Contact } from '@phongdich/core';
import { useCasesText } from './text.js';

export function FormDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  return <ModalDialog className="cases-dialog" {...props} />;
}

export function ClassificationBadge({ value }: { value: Case['classification'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge case-badge-${value}`}>{text.classifications[value]}</span>;
}

export function OutcomeBadge({ value }: { value: Case['outcome'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge case-outcome-${value}`}>{text.outcomes[value]}</span>;
}

export function ContactStatusBadge({ value }: { value: Contact['status'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge contact-status-${value}`}>{text.contactStatuses[value]}</span>;
}
