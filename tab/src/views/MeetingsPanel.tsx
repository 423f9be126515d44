import {
  Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Link, MessageBar,
  MessageBarActions, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError, type CohortResponse, type PlenaryView } from '../api';
import { errorText, useStyles, useTab } from '../common';
import { formatShortDate, formatSpan } from '../time';

type Meeting = CohortResponse['meetings'][number];
type Individual = Exclude<Meeting, { kind: 'plenary' }>;

export function MeetingsPanel({ cohort, onReload }: { cohort: CohortResponse; onReload(): Promise<void> }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  const [moving, setMoving] = useState<PlenaryView | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const plenaries = cohort.meetings.filter((m): m is PlenaryView => m.kind === 'plenary');
  const individual = cohort.meetings.filter((m): m is Individual => m.kind !== 'plenary');

  return (
    <div className={styles.stack}>
      <Title3 as="h3" className={styles.heading}>{t.tabs.meetings}</Title3>
      {moved && (
        <MessageBar intent="success"><MessageBarBody>{t.moved} {moved}</MessageBarBody></MessageBar>
      )}
      <div className={styles.tableWrap}>
        <Table aria-label={t.tabs.meetings} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.meeting}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.when}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.form}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.invitation}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {plenaries.map((m) => (
              <TableRow key={m.id} data-meeting={m.key}>
                <TableCell>
                  <strong>{m.title[lang]}</strong>
                  {m.cancelled && <> ({t.cancelled})</>}
                  <div className={styles.muted}>{m.themes.join('; ')}</div>
                </TableCell>
                <TableCell data-testid="when">{formatSpan(m.start, m.end, lang)}</TableCell>
                <TableCell>
                  {t.forms[m.form]}
                  {m.place && <div className={styles.muted}>{m.place}</div>}
                  {m.joinUrl && <div><Link href={m.joinUrl} target="_blank" rel="noreferrer">{t.joinTeams}</Link></div>}
                </TableCell>
                <TableCell><Delivery delivery={m.delivery} /></TableCell>
                <TableCell>
                  {!m.cancelled && (
                    <Button onClick={() => setMoving(m)} aria-label={`${t.move}: ${m.title[lang]} ${formatShortDate(m.start, lang)}`}>{t.move}</Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {individual.length > 0 && (
        <>
          <Title3 as="h3" className={styles.heading}>{t.individualMeetings}</Title3>
          <div className={styles.tableWrap}>
            <Table aria-label={t.individualMeetings} size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.meeting}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.when}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.form}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {individual.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell><strong>{m.title[lang]}</strong></TableCell>
                    <TableCell>{t.individualWindow(m.days.map((d) => formatShortDate(d, lang)).join(', '), m.from, m.to)}</TableCell>
                    <TableCell>{t.forms[m.form]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
      {moving && (
        <MoveDialog
          cohortId={cohort.id}
          meeting={moving}
          onClose={() => setMoving(null)}
          onMoved={async (view) => {
            setMoving(null);
            setMoved(`${view.title[lang]}: ${formatSpan(view.start, view.end, lang)}`);
            await onReload();
          }}
          onReload={async () => {
            setMoving(null);
            await onReload();
          }}
        />
      )}
    </div>
  );
}

function Delivery({ delivery }: { delivery: PlenaryView['delivery'] }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  return (
    <>
      <span>{t.delivery[delivery.state] ?? delivery.state}</span>
      {delivery.state === 'failed' && delivery.reason && <span>: {delivery.reason}</span>}
      {delivery.webLink && (
        <div><Link href={delivery.webLink} target="_blank" rel="noreferrer">{t.openInOutlook}</Link></div>
      )}
      {delivery.warning && <div className={styles.muted}>{delivery.warning[lang]}</div>}
    </>
  );
}

/** "Ny dato": the version read goes in If-Match, so a change made meanwhile by someone else is not overwritten. */
function MoveDialog({ cohortId, meeting, onClose, onMoved, onReload }: {
  cohortId: string;
  meeting: PlenaryView;
  onClose(): void;
  onMoved(view: PlenaryView): Promise<void>;
  onReload(): Promise<void>;
}) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [date, setDate] = useState(meeting.start.slice(0, 10));
  const [time, setTime] = useState(meeting.start.slice(11, 16));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stale = error instanceof ApiError && error.status === 412;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onMoved(await api.move(cohortId, meeting.id, meeting.version, `${date}T${time}`));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>{t.moveTitle(meeting.title[lang])}</DialogTitle>
            <DialogContent className={styles.stack}>
              <Body1>{formatSpan(meeting.start, meeting.end, lang)} ({t.version(meeting.version)})</Body1>
              <Body1>{t.moveIntro}</Body1>
              <Field label={t.newDate} required>
                <Input type="date" value={date} onChange={(_e, data) => setDate(data.value)} required />
              </Field>
              <Field label={t.newTime} required>
                <Input type="time" value={time} onChange={(_e, data) => setTime(data.value)} required step={300} />
              </Field>
              {stale && (
                <MessageBar intent="warning" role="alert">
                  <MessageBarBody>{t.staleVersion}</MessageBarBody>
                  <MessageBarActions>
                    <Button onClick={() => void onReload()}>{t.reload}</Button>
                  </MessageBarActions>
                </MessageBar>
              )}
              {error !== null && !stale && (
                <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>{t.cancel}</Button>
              <Button appearance="primary" type="submit" disabled={busy || stale || date === '' || time === ''}>{t.moveSave}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
