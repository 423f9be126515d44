import { Body1, Button, Field, Input, MessageBar, MessageBarBody, Select, Subtitle1, Title2, makeStyles } from '@fluentui/react-components';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { ApiError, type ProgrammesResponse } from '../api';
import { errorText, Failure, Loading, useLoad, useStyles, useTab } from '../common';

type Programme = ProgrammesResponse['programmes'][number];

const useOwnStyles = makeStyles({ meeting: { minWidth: '240px' } });

interface PlenaryRow {
  key: string;
  title: { da: string; en: string };
  form: string;
  date: string;
  time: string;
}

const rowsOf = (programme: Programme): PlenaryRow[] =>
  programme.plenaries.map((p) => ({ key: p.key, title: p.title, form: p.form, date: p.start.slice(0, 10), time: p.start.slice(11, 16) }));

/** Advisors: a new cohort from a programme edition, its plenaries proposed from the chosen kick-off and open to change. */
export function CreateCohort({ onCreated }: { onCreated(cohortId: string): Promise<void> }) {
  const { t, api, navigate } = useTab();
  const styles = useStyles();
  const programmes = useLoad(useCallback(() => api.programmes(null), [api]));

  return (
    <section aria-labelledby="new-cohort" className={styles.stack}>
      <div>
        <Button appearance="subtle" onClick={() => navigate('')}>← {t.back}</Button>
      </div>
      <Title2 as="h2" id="new-cohort" className={styles.heading}>{t.newCohort.title}</Title2>
      <Body1>{t.newCohort.intro}</Body1>
      {programmes.state === 'loading' && <Loading />}
      {programmes.state === 'error' && <Failure error={programmes.error} onRetry={() => void programmes.reload()} />}
      {programmes.state === 'ok' && programmes.data.programmes.length > 0 && (
        <CohortForm programmes={programmes.data.programmes} onCreated={onCreated} />
      )}
    </section>
  );
}

function CohortForm({ programmes, onCreated }: { programmes: Programme[]; onCreated(cohortId: string): Promise<void> }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const own = useOwnStyles();
  const [name, setName] = useState('');
  const [edition, setEdition] = useState(programmes[0]!.edition);
  const [rows, setRows] = useState<PlenaryRow[]>(() => rowsOf(programmes[0]!));
  const [kickoff, setKickoff] = useState(rows[0]?.date ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Only the newest proposal counts when the kick-off is changed quickly several times.
  const asked = useRef(0);
  // A date or time the advisor typed is theirs: a new proposal for the kick-off leaves it as it is.
  const typed = useRef(new Set<string>());

  const propose = async (wantedEdition: string, day: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    const ask = ++asked.current;
    try {
      const proposal = (await api.programmes(day)).programmes.find((p) => p.edition === wantedEdition);
      if (ask !== asked.current || !proposal) return;
      setError(null);
      const kept = (row: PlenaryRow, field: 'date' | 'time', current: PlenaryRow | undefined) =>
        current && typed.current.has(`${row.key}.${field}`) ? current[field] : row[field];
      setRows((current) =>
        rowsOf(proposal).map((row) => {
          const before = current.find((c) => c.key === row.key);
          return { ...row, date: kept(row, 'date', before), time: kept(row, 'time', before) };
        }),
      );
    } catch (caught) {
      if (ask === asked.current) setError(caught);
    }
  };

  const badStarts = new Set(
    error instanceof ApiError ? error.problems.flatMap((p) => /^body\.plenaries\.(\d+)\.start$/.exec(p.path)?.[1] ?? []).map(Number) : [],
  );
  const change = (index: number, patch: Partial<Pick<PlenaryRow, 'date' | 'time'>>) => {
    for (const field of Object.keys(patch)) typed.current.add(`${rows[index]!.key}.${field}`);
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createCohort({ name, edition, plenaries: rows.map((r) => ({ key: r.key, start: `${r.date}T${r.time}` })) });
      await onCreated(created.id);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className={styles.stack} onSubmit={(event) => void submit(event)}>
      <Field label={t.newCohort.name} required>
        <Input value={name} onChange={(_e, data) => setName(data.value)} required maxLength={200} />
      </Field>
      <Field label={t.newCohort.programme} required>
        <Select
          value={edition}
          onChange={(_e, data) => {
            // Another programme has other meetings: nothing typed for the old one carries over.
            typed.current.clear();
            setEdition(data.value);
            void propose(data.value, kickoff);
          }}
        >
          {programmes.map((p) => <option key={p.edition} value={p.edition}>{p.title[lang]}</option>)}
        </Select>
      </Field>
      <Field label={t.newCohort.kickoff} required>
        <Input
          type="date"
          value={kickoff}
          onChange={(_e, data) => {
            setKickoff(data.value);
            void propose(edition, data.value);
          }}
          required
        />
      </Field>
      <Subtitle1 as="h3" className={styles.heading}>{t.newCohort.plenaries}</Subtitle1>
      {rows.map((row, i) => (
        <div key={row.key} className={styles.row} data-meeting={row.key}>
          <Body1 className={own.meeting}><strong>{i + 1}. {row.title[lang]}</strong> ({t.forms[row.form] ?? row.form})</Body1>
          <Field label={t.newCohort.date(i + 1, row.title[lang])} required validationMessage={badStarts.has(i) ? t.newCohort.noSuchTime : undefined}>
            <Input type="date" value={row.date} onChange={(_e, data) => change(i, { date: data.value })} required />
          </Field>
          <Field label={t.newCohort.time(i + 1, row.title[lang])} required>
            <Input type="time" value={row.time} onChange={(_e, data) => change(i, { time: data.value })} required step={300} />
          </Field>
        </div>
      ))}
      {error !== null && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={busy || name.trim() === '' || rows.some((r) => r.date === '' || r.time === '')}>{t.newCohort.create}</Button>
      </div>
    </form>
  );
}
