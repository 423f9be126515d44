import {
  Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody, Select,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3, makeStyles,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { CohortResponse, ErasedResponse, ReachResponse, RemindedResponse, ReminderKind } from '../api';
import { errorText, Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { formatShortDate } from '../time';

type Meeting = CohortResponse['meetings'][number];

const useOwnStyles = makeStyles({
  legend: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', rowGap: '4px' },
  address: { overflowWrap: 'anywhere' },
});

/** Advisors: how each participant is reached, a reminder sent now, the participant list for Excel, and erasing personal data. */
export function OutreachPanel({ cohort }: { cohort: CohortResponse }) {
  const { t, navigate } = useTab();
  const styles = useStyles();
  const [erased, setErased] = useState<ErasedResponse | null>(null);

  if (erased) {
    return (
      <div className={styles.stack}>
        <MessageBar intent="success" role="status"><MessageBarBody>{t.outreach.erased(erased.people, erased.dietaryNotes, erased.deliveries)}</MessageBarBody></MessageBar>
        <div><Button appearance="primary" onClick={() => navigate('')}>{t.outreach.backHome}</Button></div>
      </div>
    );
  }
  return (
    <div className={styles.stack}>
      <Reach cohortId={cohort.id} />
      <RemindNow cohort={cohort} />
      <ExportList cohortId={cohort.id} />
      <Erase cohort={cohort} onErased={setErased} />
    </div>
  );
}

function Reach({ cohortId }: { cohortId: string }) {
  const { t, api } = useTab();
  const styles = useStyles();
  const reach = useLoad(useCallback(() => api.reach(cohortId), [api, cohortId]));
  return (
    <section aria-labelledby="outreach-reach" className={styles.stack}>
      <Title3 as="h3" id="outreach-reach" className={styles.heading}>{t.outreach.reachHeading}</Title3>
      <Body1>{t.outreach.reachIntro}</Body1>
      {reach.state === 'loading' && <Loading />}
      {reach.state === 'error' && <Failure error={reach.error} onRetry={() => void reach.reload()} />}
      {reach.state === 'ok' && <ReachTable participants={reach.data.participants} />}
    </section>
  );
}

/** Each way of reaching people that occurs, in words, with how many it applies to; then who is reached which way. */
function ReachTable({ participants }: { participants: ReachResponse['participants'] }) {
  const { t } = useTab();
  const styles = useStyles();
  const own = useOwnStyles();
  if (participants.length === 0) return <Body1 className={styles.muted}>{t.outreach.noParticipants}</Body1>;
  const counts = new Map<string, number>();
  for (const p of participants) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  return (
    <>
      <ul aria-label={t.outreach.channels} className={own.legend}>
        {[...counts].map(([state, n]) => (
          <li key={state} data-state={state}>
            <Body1><strong>{t.outreach.count(t.outreach.states[state] ?? state, n)}</strong> – {t.outreach.explain[state] ?? ''}</Body1>
          </li>
        ))}
      </ul>
      <div className={styles.tableWrap}>
        <Table aria-label={t.outreach.reachTable} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.municipality}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.name}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.email}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.outreach.channel}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {participants.map((p) => (
              <TableRow key={p.participantId}>
                <TableCell>{p.municipality}</TableCell>
                <TableHeaderCell scope="row">{p.name ?? t.none}</TableHeaderCell>
                <TableCell className={own.address}>{p.email ?? t.none}</TableCell>
                <TableCell>
                  {t.outreach.states[p.state] ?? p.state}
                  {p.reason && <div className={styles.muted}>{p.reason}</div>}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function RemindNow({ cohort }: { cohort: CohortResponse }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const meetings = cohort.meetings.filter((m) => m.kind !== 'plenary' || !m.cancelled);
  const [meetingId, setMeetingId] = useState(meetings[0]?.id ?? '');
  const meeting = meetings.find((m) => m.id === meetingId);
  const kinds = meeting?.reminderKinds ?? [];
  const [chosen, setChosen] = useState<ReminderKind | null>(null);
  const kind = chosen !== null && kinds.includes(chosen) ? chosen : kinds[0];
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RemindedResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!meeting || !kind) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await api.remindNow(cohort.id, meeting.id, kind));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const label = (m: Meeting) => (m.kind === 'plenary' ? `${m.title[lang]}, ${formatShortDate(m.start, lang)}` : m.title[lang]);
  return (
    <section aria-labelledby="outreach-remind" className={styles.stack}>
      <Title3 as="h3" id="outreach-remind" className={styles.heading}>{t.outreach.remindHeading}</Title3>
      <Body1>{t.outreach.remindIntro}</Body1>
      <form className={styles.row} onSubmit={(event) => void submit(event)}>
        <Field label={t.outreach.meeting}>
          <Select value={meetingId} onChange={(_e, data) => setMeetingId(data.value)}>
            {meetings.map((m) => <option key={m.id} value={m.id}>{label(m)}</option>)}
          </Select>
        </Field>
        <Field label={t.outreach.kind}>
          <Select value={kind ?? ''} onChange={(_e, data) => setChosen(data.value as ReminderKind)}>
            {kinds.map((k) => <option key={k} value={k}>{t.outreach.kinds[k] ?? k}</option>)}
          </Select>
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || !kind}>{t.outreach.send}</Button>
      </form>
      {outcome && (
        <MessageBar intent={outcome.queued > 0 ? 'success' : 'info'} role="status">
          <MessageBarBody>
            {outcome.recipients === 0
              ? t.outreach.nobody
              : [
                  t.outreach.queued(outcome.queued, outcome.recipients),
                  ...(outcome.recipients > outcome.queued ? [t.outreach.notQueued(outcome.recipients - outcome.queued)] : []),
                  ...(outcome.queued > 0 && !outcome.connected ? [t.outreach.notConnected] : []),
                ].join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>}
    </section>
  );
}

/** The file is fetched with the caller's sign-in and handed to the browser as a download. */
function ExportList({ cohortId }: { cohortId: string }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { blob, fileName } = await api.participantsCsv(cohortId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later, not at once: the browser reads the file after click() returns.
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDone(fileName);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outreach-export" className={styles.stack}>
      <Title3 as="h3" id="outreach-export" className={styles.heading}>{t.outreach.exportHeading}</Title3>
      <Body1>{t.outreach.exportIntro}</Body1>
      <div><Button onClick={() => void download()} disabled={busy}>{t.outreach.export}</Button></div>
      {done && <MessageBar intent="success" role="status"><MessageBarBody>{t.outreach.exported(done)}</MessageBarBody></MessageBar>}
      {error !== null && <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>}
    </section>
  );
}

function Erase({ cohort, onErased }: { cohort: CohortResponse; onErased(outcome: ErasedResponse): void }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      onErased(await api.erasePersonalData(cohort.id));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outreach-erase" className={styles.stack}>
      <Title3 as="h3" id="outreach-erase" className={styles.heading}>{t.outreach.eraseHeading}</Title3>
      <Body1>{t.outreach.eraseIntro}</Body1>
      <div><Button onClick={() => setOpen(true)}>{t.outreach.erase}</Button></div>
      <Dialog open={open} onOpenChange={(_e, data) => !data.open && close()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t.outreach.eraseTitle(cohort.name)}</DialogTitle>
            <DialogContent className={styles.stack}>
              <Body1>{t.outreach.eraseWhat}</Body1>
              <Body1>{t.outreach.eraseKept}</Body1>
              <Body1><strong>{t.outreach.eraseFinal}</strong></Body1>
              {error !== null && <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={close}>{t.cancel}</Button>
              <Button appearance="primary" onClick={() => void erase()} disabled={busy}>{t.outreach.eraseConfirm}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
