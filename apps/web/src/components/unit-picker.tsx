import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitTier } from '@phongdich/core';
import { api, query } from '../lib/api.js';

/**
 * Chooses an administrative unit by typing part of its name (with or without diacritics),
 * limited to the units below `within`.
 */
export function UnitPicker({
  label,
  help,
  error,
  within,
  tier,
  value,
  onChange,
}: {
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  within: string;
  /** Only offer units of this tier (e.g. communes for a place's address). */
  tier?: UnitTier;
  value: Unit | null;
  onChange: (unit: Unit | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const search = useQuery({
    queryKey: ['units', 'search', within, text],
    queryFn: () => api<{ items: Unit[] }>('GET', `/api/v1/units${query({ q: text, within, limit: tier ? 40 : 15 })}`),
    enabled: open && text.trim().length > 0,
  });
  const items = (search.data?.items ?? []).filter((u) => !tier || u.tier === tier).slice(0, 15);
  return (
    <div className={`field unit-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t('users.chooseUnit')}
        aria-describedby={help ? `${id}-help` : undefined}
        value={value?.name ?? text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        aria-invalid={error ? true : undefined}
      />
      {open && items.length > 0 && (
        <ul className="picker-list" id={`${id}-list`} role="listbox">
          {items.map((unit) => (
            <li key={unit.code} role="option" aria-selected={value?.code === unit.code}>
              <button
                type="button"
                onClick={() => {
                  onChange(unit);
                  setText(unit.name);
                  setOpen(false);
                }}
              >
                <span className="code">{unit.code}</span> {unit.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {help && !error && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
