import { useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '@phongdich/core';
import { api, query } from '../../lib/api.js';
import type { QuestionProps } from './basic-questions.js';
import { ChosenList, ChosenOne, SearchPicker, useSettled } from './search-picker.js';
import { countryName, gateName, searchCountries, searchGates } from './search.js';
import { useDeclarationText } from './text.js';

/** One country or territory, found by typing its name in Vietnamese or English. */
export function CountryQuestion(props: QuestionProps<string>) {
  const { text, lang } = useDeclarationText();
  const [typed, setTyped] = useState('');
  return (
    <SearchPicker
      {...props}
      help={props.help ? `${props.help} ${text.countryHint}` : text.countryHint}
      text={typed}
      onText={setTyped}
      results={typed.trim() ? searchCountries(typed, lang) : null}
      onPick={(found) => {
        props.onChange(found.code);
        setTyped('');
      }}
      chosen={<ChosenOne label={props.value ? countryName(props.value, lang) : undefined} />}
    />
  );
}

/** Several countries (visited in the last 14 days). */
export function CountriesQuestion(props: QuestionProps<string[]>) {
  const { text, lang } = useDeclarationText();
  const [typed, setTyped] = useState('');
  const chosen = props.value ?? [];
  return (
    <SearchPicker
      {...props}
      help={props.help ? `${props.help} ${text.countryHint}` : text.countryHint}
      text={typed}
      onText={setTyped}
      results={typed.trim() ? searchCountries(typed, lang).filter((found) => !chosen.includes(found.code)) : null}
      onPick={(found) => {
        props.onChange([...chosen, found.code]);
        setTyped('');
      }}
      chosen={<ChosenList items={chosen.map((code) => ({ code, label: countryName(code, lang) }))} onRemove={(code) => props.onChange(chosen.filter((each) => each !== code))} />}
    />
  );
}

/** The border gate of entry: airports, land gates and seaports, by name or airport code. */
export function BorderGateQuestion(props: QuestionProps<string>) {
  const { text, lang } = useDeclarationText();
  const [typed, setTyped] = useState('');
  return (
    <SearchPicker
      {...props}
      help={props.help ? `${props.help} ${text.gateHint}` : text.gateHint}
      text={typed}
      onText={setTyped}
      results={typed.trim() ? searchGates(typed, lang, (kind) => text.gateKinds[kind]) : null}
      onPick={(found) => {
        props.onChange(found.code);
        setTyped('');
      }}
      chosen={<ChosenOne label={props.value ? gateName(props.value, lang) : undefined} />}
    />
  );
}

type UnitName = Pick<Unit, 'code' | 'name' | 'nameEn'>;

const unitKey = (code: string) => ['units', 'name', code] as const;

/** Places in Vietnam visited (any tier), found with the units search; needs the network, the free text does not. */
export function UnitsQuestion(props: QuestionProps<string[]>) {
  const { text, lang } = useDeclarationText();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const settled = useSettled(typed.trim());
  const chosen = props.value ?? [];
  const search = useQuery({
    queryKey: ['units', 'search', settled],
    queryFn: () => api<{ items: Unit[] }>('GET', `/api/v1/units${query({ q: settled, limit: 10 })}`),
    enabled: settled.length >= 2,
    staleTime: 60 * 60 * 1000,
  });
  const names = useQueries({
    queries: chosen.map((code) => ({
      queryKey: unitKey(code),
      queryFn: async (): Promise<UnitName> => {
        const unit = await api<Unit>('GET', `/api/v1/units/${encodeURIComponent(code)}`);
        return { code: unit.code, name: unit.name, nameEn: unit.nameEn };
      },
      staleTime: Infinity,
    })),
  });
  const nameOf = (unit: UnitName) => (lang === 'en' ? unit.nameEn || unit.name : unit.name);
  const items = search.data?.items.filter((unit) => !chosen.includes(unit.code)) ?? [];
  const note = search.fetchStatus === 'paused' ? text.unitsOffline : search.isError ? text.listFailed : undefined;
  return (
    <SearchPicker
      {...props}
      help={props.help ? `${props.help} ${text.unitsHint}` : text.unitsHint}
      text={typed}
      onText={setTyped}
      note={note}
      results={typed.trim().length >= 2 && search.data && settled === typed.trim() ? items.map((unit) => ({ code: unit.code, label: nameOf(unit) })) : null}
      onPick={(found) => {
        const unit = items.find((each) => each.code === found.code);
        if (unit) client.setQueryData(unitKey(unit.code), { code: unit.code, name: unit.name, nameEn: unit.nameEn });
        props.onChange([...chosen, found.code]);
        setTyped('');
      }}
      chosen={
        <ChosenList
          items={chosen.map((code, index) => {
            const unit = names[index]?.data;
            return { code, label: unit ? nameOf(unit) : code };
          })}
          onRemove={(code) => props.onChange(chosen.filter((each) => each !== code))}
        />
      }
    />
  );
}
