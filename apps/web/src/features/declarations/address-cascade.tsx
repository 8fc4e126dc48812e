import { useQuery } from '@tanstack/react-query';
import type { FieldSpec, Language, Unit } from '@phongdich/core';
import { api, query } from '../../lib/api.js';
import { type CascadePaths, chooseInCascade, communeParent, hasDistricts, placeToRemember, REMEMBERED_PLACE_KEY, type UnitChoice } from './cascade.js';
import { describedBy, FieldFrame, HelpAndError, useFieldIds } from './field-frame.js';
import type { Answers } from './record.js';
import { inLanguage, useDeclarationText } from './text.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const CACHE_PREFIX = 'pd_units_children:';

interface CachedList {
  savedAt: number;
  items: UnitChoice[];
}

function readCache(parent: string): CachedList | undefined {
  try {
    const cached = JSON.parse(localStorage.getItem(CACHE_PREFIX + parent) ?? 'null') as CachedList | null;
    return cached && Array.isArray(cached.items) ? cached : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(parent: string, items: UnitChoice[]): void {
  try {
    localStorage.setItem(CACHE_PREFIX + parent, JSON.stringify({ savedAt: Date.now(), items } satisfies CachedList));
  } catch {
    // Storage full: the list is fetched again next time.
  }
}

/**
 * The units directly below `parent` (provinces for "root"), kept on the phone once loaded: offline is
 * normal, and the address lists are what a form needs most. Undefined parent: nothing to list yet.
 */
function useUnitChildren(parent: string | undefined) {
  return useQuery({
    queryKey: ['units', 'children', parent ?? ''],
    queryFn: async () => {
      const { items } = await api<{ items: Unit[] }>('GET', `/api/v1/units${parent === 'root' ? '' : query({ parent })}`);
      const list = items.map((unit) => ({ code: unit.code, name: unit.name, nameEn: unit.nameEn, tier: unit.tier }));
      writeCache(parent ?? '', list);
      return list;
    },
    enabled: parent !== undefined,
    initialData: () => (parent ? readCache(parent)?.items : undefined),
    initialDataUpdatedAt: () => (parent ? readCache(parent)?.savedAt : undefined),
    staleTime: WEEK_MS,
    networkMode: 'offlineFirst',
  });
}

function rememberPlace(paths: CascadePaths, answers: Answers): void {
  const place = placeToRemember(paths, answers);
  if (!place) return;
  try {
    localStorage.setItem(REMEMBERED_PLACE_KEY, JSON.stringify(place));
  } catch {
    // Not remembered: the next form starts at the installation's province.
  }
}

/**
 * Province, then district (only where the installation's tree has districts), then commune: each list
 * is the children of the choice above, and changing a choice clears those below it.
 */
export function AddressCascade({
  paths,
  fields,
  answers,
  errors,
  onChange,
}: {
  paths: CascadePaths;
  fields: Readonly<Record<string, FieldSpec>>;
  answers: Answers;
  errors: Readonly<Record<string, string>>;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const { lang } = useDeclarationText();
  const value = (path: string | undefined) => {
    const answer = path ? answers[path] : undefined;
    return typeof answer === 'string' ? answer : '';
  };
  const province = value(paths.province);
  const provinces = useUnitChildren('root');
  const belowProvince = useUnitChildren(province && (paths.district || paths.commune) ? province : undefined);
  const districts = hasDistricts(belowProvince.data);
  const parentOfCommunes = communeParent(paths, answers, districts);
  const communes = useUnitChildren(districts && parentOfCommunes ? parentOfCommunes : undefined);
  const communeList = districts ? communes : belowProvince;

  const choose = (level: 'province' | 'district' | 'commune') => (code: string) => {
    const changes = chooseInCascade(paths, level, code);
    onChange(changes);
    rememberPlace(paths, { ...answers, ...changes });
  };
  const spec = (path: string) => fields[path]!;

  return (
    <>
      {paths.province && (
        <UnitSelect path={paths.province} spec={spec(paths.province)} lang={lang} error={errors[paths.province]} value={province} list={provinces} onChange={choose('province')} />
      )}
      {paths.district && districts && (
        <UnitSelect
          path={paths.district}
          spec={spec(paths.district)}
          lang={lang}
          error={errors[paths.district]}
          value={value(paths.district)}
          list={belowProvince}
          onChange={choose('district')}
        />
      )}
      {paths.commune && (
        <UnitSelect
          path={paths.commune}
          spec={spec(paths.commune)}
          lang={lang}
          error={errors[paths.commune]}
          value={value(paths.commune)}
          list={parentOfCommunes ? communeList : province && districts === undefined ? belowProvince : undefined}
          waitingFor={province ? 'district' : 'province'}
          onChange={choose('commune')}
        />
      )}
    </>
  );
}

function UnitSelect({
  path,
  spec,
  lang,
  error,
  value,
  list,
  waitingFor,
  onChange,
}: {
  path: string;
  spec: FieldSpec;
  lang: Language;
  error?: string | undefined;
  value: string;
  /** Undefined while the level above is not chosen. */
  list: ReturnType<typeof useUnitChildren> | undefined;
  waitingFor?: 'province' | 'district';
  onChange: (code: string) => void;
}) {
  const { text } = useDeclarationText();
  const ids = useFieldIds();
  const label = inLanguage(spec.label, lang);
  const help = spec.help ? inLanguage(spec.help, lang) : undefined;
  const items = [...(list?.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const status = !list ? (waitingFor === 'district' ? text.chooseDistrictFirst : text.chooseProvinceFirst) : list.isError && items.length === 0 ? text.listFailed : list.isPending ? text.listLoading : undefined;
  const nameOf = (unit: UnitChoice) => (lang === 'en' ? unit.nameEn || unit.name : unit.name);
  return (
    <FieldFrame path={path} error={error}>
      <label htmlFor={ids.id}>{label}</label>
      <select
        id={ids.id}
        name={path}
        value={value}
        disabled={items.length === 0}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, help, error, status ? `${ids.id}-status` : undefined)}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{text.choose}</option>
        {/* A saved choice stays visible while its list loads. */}
        {value && !items.some((unit) => unit.code === value) && <option value={value}>{value}</option>}
        {items.map((unit) => (
          <option key={unit.code} value={unit.code}>
            {nameOf(unit)}
          </option>
        ))}
      </select>
      {status && (
        <p className="field-help" id={`${ids.id}-status`}>
          {status}{' '}
          {list?.isError && (
            <button type="button" className="btn btn-link" onClick={() => void list.refetch()}>
              {text.retry}
            </button>
          )}
        </p>
      )}
      <HelpAndError ids={ids} help={help} error={error} />
    </FieldFrame>
  );
}
