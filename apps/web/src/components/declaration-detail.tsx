import { useTranslation } from 'react-i18next';
import { formVersionDefinition } from '@phongdich/core';
import { currentLanguage } from '../lib/i18n/index.js';

function valueAt(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), record);
}

/** A declaration shown field by field with its form version's own labels (old versions stay readable). */
export function DeclarationDetail({ record }: { record: Record<string, unknown> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const definition = formVersionDefinition(String(record.formVersion ?? ''));
  if (!definition) return <pre className="record-raw">{JSON.stringify(record, null, 2)}</pre>;
  const show = (value: unknown, options?: ReadonlyArray<{ code: string; vi: string; en: string }>): string => {
    if (value === undefined || value === null || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
    if (Array.isArray(value)) return value.length ? value.map((v) => show(v, options)).join(', ') : '—';
    if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map((v) => show(v)).join(', ');
    const option = options?.find((o) => o.code === value);
    return option ? option[lang] : String(value);
  };
  return (
    <div className="declaration-detail">
      {definition.steps.map((step) => (
        <section key={step.id}>
          <h3>{step.title[lang]}</h3>
          <dl className="facts">
            {step.fields.map((path) => {
              const spec = definition.fields[path];
              return (
                <div key={path} className="fact">
                  <dt>{spec?.label[lang] ?? path}</dt>
                  <dd>{show(valueAt(record, path), spec?.options)}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}
