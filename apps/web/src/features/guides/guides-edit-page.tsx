import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { useFormErrors, type FieldErrors } from '../../lib/forms.js';
import { GuideBody } from './guide-view.js';
import { guideKeys, guidesApi, type Guide } from './guides-api.js';
import { useGuidesText, type GuidesText } from './text.js';

const TITLE_MAX = 200;
const BODY_MAX = 20_000;

/** Administrators edit the text of each public guide, in both languages, with a preview. */
export function GuidesEditPage() {
  const { text, lang } = useGuidesText();
  const guides = useQuery({ queryKey: guideKeys.list, queryFn: guidesApi.list });
  const [chosen, setChosen] = useState<string | null>(null);
  const slug = chosen ?? guides.data?.items[0]?.slug ?? null;
  const guide = useQuery({ queryKey: guideKeys.guide(slug ?? ''), queryFn: () => guidesApi.get(slug ?? ''), enabled: slug !== null });
  return (
    <Page title={text.editTitle}>
      <p className="lead">{text.editIntro}</p>
      {guides.isPending && <Loading />}
      {guides.isError && <LoadError error={guides.error} onRetry={() => void guides.refetch()} />}
      {guides.data && guides.data.items.length === 0 && <p className="empty">{text.noGuides}</p>}
      {guides.data && slug && (
        <SelectField label={text.chooseGuide} value={slug} onChange={(e) => setChosen(e.target.value)}>
          {guides.data.items.map((g) => (
            <option key={g.slug} value={g.slug}>
              {g.title[lang]}
            </option>
          ))}
        </SelectField>
      )}
      {guide.isPending && slug && <Loading />}
      {guide.isError && <LoadError error={guide.error} onRetry={() => void guide.refetch()} />}
      {guide.data && <GuideForm key={`${guide.data.slug}:${guide.data.updatedAt ?? 0}`} guide={guide.data} />}
    </Page>
  );
}

function check(values: { titleVi: string; titleEn: string; bodyVi: string; bodyEn: string }, text: GuidesText): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) {
    const max = key.startsWith('title') ? TITLE_MAX : BODY_MAX;
    if (value.trim() === '') errors[key] = text.required;
    else if (value.length > max) errors[key] = text.tooLong(max);
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function GuideForm({ guide }: { guide: Guide }) {
  const { text, lang } = useGuidesText();
  const client = useQueryClient();
  const errors = useFormErrors();
  const [titleVi, setTitleVi] = useState(guide.title.vi);
  const [titleEn, setTitleEn] = useState(guide.title.en);
  const [bodyVi, setBodyVi] = useState(guide.body.vi);
  const [bodyEn, setBodyEn] = useState(guide.body.en);
  const save = useMutation({
    mutationFn: () => guidesApi.save(guide.slug, { title: { vi: titleVi.trim(), en: titleEn.trim() }, body: { vi: bodyVi, en: bodyEn } }),
    onSuccess: (saved) => {
      client.setQueryData(guideKeys.guide(saved.slug), saved);
      void client.invalidateQueries({ queryKey: guideKeys.list, exact: true });
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const problems = check({ titleVi, titleEn, bodyVi, bodyEn }, text);
    if (problems) return errors.setFieldErrors(problems);
    save.mutate();
  }

  const origin = window.location.origin;
  const snippet = `<script src="${origin}/embed.js" data-guide="${guide.slug}" data-lang="vi"></script>`;
  const fe = errors.fieldErrors;
  return (
    <form onSubmit={submit} noValidate className="guide-edit guides-scope">
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      {save.isSuccess && <Alert kind="success">{text.saved(save.data.title[lang])}</Alert>}
      <p className="field-help">{text.formatHelp}</p>
      <div className="grid-2">
        <TextField label={text.titleVi} lang="vi" value={titleVi} maxLength={TITLE_MAX} onChange={(e) => setTitleVi(e.target.value)} error={fe.titleVi ?? fe['title.vi']} />
        <TextField label={text.titleEn} lang="en" value={titleEn} maxLength={TITLE_MAX} onChange={(e) => setTitleEn(e.target.value)} error={fe.titleEn ?? fe['title.en']} />
      </div>
      <div className="grid-2">
        <BodyField label={text.bodyVi} lang="vi" value={bodyVi} onChange={setBodyVi} error={fe.bodyVi ?? fe['body.vi']} />
        <BodyField label={text.bodyEn} lang="en" value={bodyEn} onChange={setBodyEn} error={fe.bodyEn ?? fe['body.en']} />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={save.isPending}>
          {text.save}
        </Button>
        <Link className="btn btn-secondary" to={`/guide/${encodeURIComponent(guide.slug)}`}>
          {text.view}
        </Link>
      </div>
      <h2>{text.preview}</h2>
      <div className="grid-2">
        <section className="card guide-preview" lang="vi" aria-label={text.previewVi}>
          <h3>{titleVi}</h3>
          <GuideBody body={bodyVi} />
        </section>
        <section className="card guide-preview" lang="en" aria-label={text.previewEn}>
          <h3>{titleEn}</h3>
          <GuideBody body={bodyEn} />
        </section>
      </div>
      <h2>{text.embedTitle}</h2>
      <p className="field-help">{text.embedHelp}</p>
      <pre className="guide-snippet">
        <code>{snippet}</code>
      </pre>
    </form>
  );
}

function BodyField({ label, lang, value, onChange, error }: { label: string; lang: 'vi' | 'en'; value: string; onChange: (value: string) => void; error: string | undefined }) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} lang={lang} rows={16} maxLength={BODY_MAX} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
