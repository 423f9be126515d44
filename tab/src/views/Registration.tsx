import {
  Body1, Button, Card, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Title2, Title3,
} from '@fluentui/react-components';
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import type { ParticipantDetails, RegistrationForm, RegistrationResponse } from '../api';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { isStale, Refusal } from '../FormDialog';
import { formatDate, formatShortDate } from '../time';
import { emptyPerson, PersonFields } from './PersonFields';

type TimeOfDay = RegistrationForm['timeOfDay'];
const TIMES: TimeOfDay[] = ['morning', 'afternoon', 'any'];

/** A person on the form; `key` tells rows apart before a new person has an id. */
type Row = ParticipantDetails & { id?: string; key: string };

export const registrationPath = (cohortId: string, municipalityId: string) =>
  `cohorts/${encodeURIComponent(cohortId)}/municipalities/${encodeURIComponent(municipalityId)}/registration`;

const rowsOf = (data: RegistrationResponse): Row[] =>
  data.municipality.participants.map((p) => ({ id: p.id, key: p.id, name: p.name, email: p.email, phone: p.phone, role: p.role, contact: p.contact }));

/**
 * "Mit forløb" for leaders: each municipality they are a leader contact of, whether it is
 * registered, and the way to the registration.
 */
export function RegistrationEntry() {
  const { t, api } = useTab();
  const styles = useStyles();
  const me = useLoad(useCallback(() => api.me(), [api]));
  if (me.state !== 'ok') return me.state === 'error' ? <Failure error={me.error} onRetry={() => void me.reload()} /> : <Loading />;
  const leads = me.data.memberships.filter((m) => m.role === 'leader' && m.municipalityId !== null);
  return (
    <section aria-labelledby="registration-entry" className={styles.stack}>
      <Title2 as="h2" id="registration-entry" className={styles.heading}>{t.registrationForm.entryHeading}</Title2>
      {leads.map((m) => (
        <RegistrationStatus key={`${m.cohortId}/${m.municipalityId}`} cohortId={m.cohortId} municipalityId={m.municipalityId ?? ''} />
      ))}
    </section>
  );
}

function RegistrationStatus({ cohortId, municipalityId }: { cohortId: string; municipalityId: string }) {
  const { t, lang, api, navigate } = useTab();
  const styles = useStyles();
  const loaded = useLoad(useCallback(() => api.registration(cohortId, municipalityId), [api, cohortId, municipalityId]));
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <Failure error={loaded.error} onRetry={() => void loaded.reload()} />;
  const { municipality } = loaded.data;
  const wish = municipality.registration;
  return (
    <div className={styles.row}>
      <Body1>
        <strong>{municipality.name}</strong>: {wish ? t.registered(formatShortDate(wish.preparatoryDay, lang), t.timesOfDay[wish.timeOfDay] ?? wish.timeOfDay) : t.notRegistered}
      </Body1>
      <Button appearance={wish ? 'secondary' : 'primary'} onClick={() => navigate(registrationPath(cohortId, municipalityId))}>
        {wish ? t.registrationForm.change(municipality.name) : t.registrationForm.open(municipality.name)}
      </Button>
    </div>
  );
}

/** Tilmelding: the municipality's people and its wish for the preparatory meeting, saved as one. */
export function Registration({ cohortId, municipalityId, back }: { cohortId: string; municipalityId: string; back: string }) {
  const { t, api, navigate } = useTab();
  const styles = useStyles();
  const loaded = useLoad(useCallback(() => api.registration(cohortId, municipalityId), [api, cohortId, municipalityId]));
  return (
    <div className={styles.stack}>
      <div>
        <Button appearance="subtle" onClick={() => navigate(back)}>← {t.back}</Button>
      </div>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'error' && <Failure error={loaded.error} onRetry={() => void loaded.reload()} />}
      {/* A new version is a new form: a reload after a refusal starts again from what is there now. */}
      {loaded.state === 'ok' && <RegistrationEditor key={`${loaded.data.municipality.id}/${loaded.data.municipality.version}`} initial={loaded.data} onReload={loaded.reload} />}
    </div>
  );
}

/**
 * The form sends the whole list with the version it was read at: someone an advisor added
 * meanwhile is not deleted by a list that never showed them; the save is refused and a reload offered.
 */
function RegistrationEditor({ initial, onReload }: { initial: RegistrationResponse; onReload(): Promise<void> }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const r = t.registrationForm;
  const headingId = useId();
  const newKeys = useRef(0);
  const [data, setData] = useState(initial);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial));
  const [day, setDay] = useState(initial.municipality.registration?.preparatoryDay ?? '');
  const [timeOfDay, setTimeOfDay] = useState<TimeOfDay | ''>(initial.municipality.registration?.timeOfDay ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);
  const { preparatory } = data;
  const kept = new Set(rows.flatMap((row) => (row.id === undefined ? [] : [row.id])));
  const leaving = data.municipality.participants.filter((p) => !kept.has(p.id)).map((p) => p.name);
  const stale = result?.ok === false && isStale(result.error);

  const change = (key: string, next: ParticipantDetails) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...next } : row)));
  const add = () => {
    newKeys.current += 1;
    setRows((current) => [...current, { ...emptyPerson(false), key: `new-${newKeys.current}` }]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (day === '' || timeOfDay === '') return;
    setBusy(true);
    setResult(null);
    try {
      const participants = rows.map(({ key: _key, ...person }) => person);
      const saved = await api.register(data.cohortId, data.municipality.id, data.municipality.version, { participants, preparatoryDay: day, timeOfDay });
      setData(saved);
      setRows(rowsOf(saved));
      setResult({ ok: true });
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby={headingId} className={styles.stack}>
      <Title2 as="h2" id={headingId} className={styles.heading}>{r.title(data.municipality.name)}</Title2>
      <Body1>{r.intro}</Body1>

      <Title3 as="h3" className={styles.heading}>{r.peopleHeading}</Title3>
      {rows.map((row, i) => {
        const label = r.person(i + 1, row.name.trim() || t.people.newPerson);
        return (
          <Card key={row.key} role="group" aria-label={label}>
            <div className={styles.stack}>
              <PersonFields value={row} onChange={(next) => change(row.key, next)} />
              <div>
                <Button size="small" onClick={() => setRows((current) => current.filter((x) => x.key !== row.key))} disabled={rows.length === 1}>
                  {t.people.remove(row.name.trim() || t.people.newPerson)}
                </Button>
              </div>
            </div>
          </Card>
        );
      })}
      <div>
        <Button onClick={add}>{r.addPerson}</Button>
      </div>

      <Title3 as="h3" className={styles.heading}>{r.wishHeading}</Title3>
      {preparatory === null ? (
        <Body1>{r.noPreparatory}</Body1>
      ) : (
        <>
          <Body1>{r.window(preparatory.from, preparatory.to)}</Body1>
          <Field label={r.day} required>
            <RadioGroup value={day} onChange={(_e, next) => setDay(next.value)} required>
              {preparatory.days.map((d) => (
                <Radio key={d} value={d} label={formatDate(d, lang)} />
              ))}
            </RadioGroup>
          </Field>
          <Field label={r.timeOfDay} required>
            <RadioGroup value={timeOfDay} onChange={(_e, next) => setTimeOfDay(next.value as TimeOfDay)} layout="horizontal" required>
              {TIMES.map((time) => (
                <Radio key={time} value={time} label={t.timesOfDay[time] ?? time} />
              ))}
            </RadioGroup>
          </Field>
        </>
      )}
      {leaving.length > 0 && (
        <MessageBar intent="warning"><MessageBarBody>{r.leaving(leaving.join(', '))}</MessageBarBody></MessageBar>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={busy || stale || preparatory === null || day === '' || timeOfDay === ''}>{r.save}</Button>
      </div>
      {result?.ok === true && (
        <MessageBar intent="success" role="status"><MessageBarBody>{r.saved}</MessageBarBody></MessageBar>
      )}
      {result?.ok === false && <Refusal error={result.error} onReload={onReload} staleText={r.stale} />}
    </form>
  );
}
