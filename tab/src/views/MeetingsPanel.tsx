import {
  Body1, Button, Field, Input, Link, MessageBar,
  MessageBarBody, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea,
  Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { CohortResponse, PlenaryView } from '../api';
import { errorText, Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { FormDialog } from '../FormDialog';
import { formatShortDate, formatSpan } from '../time';

type Meeting = CohortResponse['meetings'][number];
type Individual = Exclude<Meeting, { kind: 'plenary' }>;
type Form = PlenaryView['form'];

/** While an invitation is on its way, the status is read again this often, so "sent" shows without a reload. */
const POLL_MS = 3000;

const useNoticeStyles = makeStyles({
  recipients: {
    maxHeight: '180px',
    overflowY: 'auto',
    margin: 0,
    paddingLeft: '20px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export function MeetingsPanel({ cohort, onReload }: { cohort: CohortResponse; onReload(): Promise<void> }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [moving, setMoving] = useState<PlenaryView | null>(null);
  const [editing, setEditing] = useState<PlenaryView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const plenaries = cohort.meetings.filter((m): m is PlenaryView => m.kind === 'plenary');
  const individual = cohort.meetings.filter((m): m is Individual => m.kind !== 'plenary');
  const sending = plenaries.some((m) => m.delivery.state === 'planned');

  // A new cohort comes with every reload, so this waits POLL_MS after each answer: never two reads at once.
  useEffect(() => {
    if (!sending) return;
    const timer = setTimeout(() => void onReload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [cohort, sending, onReload]);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setDone(null);
    setFailure(null);
    try {
      setDone(await action());
      await onReload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const book = () =>
    act(async () => {
      await api.bookSeries(cohort.id);
      return t.seriesBooked;
    });
  const retry = () => act(async () => t.retried((await api.retryDelivery(cohort.id)).retried));
  const closeDialog = async (message: string | null) => {
    setMoving(null);
    setEditing(null);
    setDone(message);
    await onReload();
  };

  return (
    <div className={styles.stack}>
      <Title3 as="h3" className={styles.heading}>{t.seriesHeading}</Title3>
      {cohort.booking === null ? (
        <div className={styles.row}>
          <Body1>{t.seriesNotBooked}</Body1>
          <Button appearance="primary" onClick={() => void book()} disabled={busy}>{t.bookSeries}</Button>
        </div>
      ) : (
        <Body1>{t.bookedFrom(cohort.booking.organizer)}</Body1>
      )}
      {plenaries.some((m) => m.delivery.state === 'not_connected') && (
        <MessageBar intent="warning"><MessageBarBody>{t.seriesNotConnected}</MessageBarBody></MessageBar>
      )}
      {sending && (
        <MessageBar intent="info"><MessageBarBody>{t.seriesSending}</MessageBarBody></MessageBar>
      )}
      {done && (
        <MessageBar intent="success"><MessageBarBody>{done}</MessageBarBody></MessageBar>
      )}
      {failure !== null && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(failure, t, lang)}</MessageBarBody></MessageBar>
      )}

      <Title3 as="h3" className={styles.heading}>{t.tabs.meetings}</Title3>
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
                <TableCell data-testid="delivery">
                  <Delivery delivery={m.delivery} />
                  {m.delivery.state === 'failed' && (
                    <div>
                      <Button size="small" onClick={() => void retry()} disabled={busy} aria-label={t.retryLabel(m.title[lang])}>{t.retry}</Button>
                    </div>
                  )}
                </TableCell>
                <TableCell>
                  {!m.cancelled && (
                    <div className={styles.row}>
                      <Button onClick={() => setMoving(m)} aria-label={`${t.move}: ${m.title[lang]} ${formatShortDate(m.start, lang)}`}>{t.move}</Button>
                      <Button onClick={() => setEditing(m)} aria-label={`${t.edit}: ${m.title[lang]} ${formatShortDate(m.start, lang)}`}>{t.edit}</Button>
                    </div>
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
          onMoved={(view) => closeDialog(`${t.moved} ${view.title[lang]}: ${formatSpan(view.start, view.end, lang)}`)}
          onReload={() => closeDialog(null)}
        />
      )}
      {editing && (
        <EditDialog
          cohortId={cohort.id}
          meeting={editing}
          onClose={() => setEditing(null)}
          onEdited={(view) => closeDialog(`${t.edited} ${view.title[lang]}`)}
          onReload={() => closeDialog(null)}
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

/** Before the advisor confirms a change: whom the meeting's Outlook invitation will bring it to, if anyone. */
function Notice({ cohortId, meeting }: { cohortId: string; meeting: PlenaryView }) {
  const { t, api } = useTab();
  const styles = useStyles();
  const noticeStyles = useNoticeStyles();
  const headingId = useId();
  const notice = useLoad(useCallback(() => api.meetingNotice(cohortId, meeting.id), [api, cohortId, meeting.id]));
  return (
    <section aria-labelledby={headingId} className={styles.stack}>
      <Body1 as="h4" id={headingId} className={styles.heading}><strong>{t.noticeHeading}</strong></Body1>
      {notice.state === 'loading' && <Loading />}
      {notice.state === 'error' && <Failure error={notice.error} onRetry={() => void notice.reload()} />}
      {notice.state === 'ok' && !notice.data.booked && <Body1>{t.noticeNone}</Body1>}
      {notice.state === 'ok' && notice.data.booked && (
        <>
          <Body1>{t.noticeCount(notice.data.recipients.length)}</Body1>
          {/* Focusable, so a keyboard can scroll a long list. */}
          <ul aria-label={t.recipients} className={noticeStyles.recipients} tabIndex={0}>
            {notice.data.recipients.map((r) => (
              <li key={r.email}>{r.name} – {r.municipality ?? t.roles[r.role]}</li>
            ))}
          </ul>
          {meeting.delivery.state === 'not_connected' && <Body1 className={styles.muted}>{t.noticeNotConnected}</Body1>}
        </>
      )}
    </section>
  );
}

/** One change of one meeting, sent with the version read in If-Match, so a colleague's change meanwhile is not overwritten. */
function ChangeDialog({ title, cohortId, meeting, saveLabel, ready, save, onClose, onReload, children }: {
  title: string;
  cohortId: string;
  meeting: PlenaryView;
  saveLabel: string;
  ready: boolean;
  save(): Promise<void>;
  onClose(): void;
  onReload(): Promise<void>;
  children: ReactNode;
}) {
  const { t, lang } = useTab();
  return (
    <FormDialog title={title} saveLabel={saveLabel} ready={ready} save={save} onClose={onClose} onReload={onReload}>
      <Body1>{formatSpan(meeting.start, meeting.end, lang)} ({t.version(meeting.version)})</Body1>
      {children}
      <Notice cohortId={cohortId} meeting={meeting} />
    </FormDialog>
  );
}

/** "Ny dato": everybody's calendar follows and people are asked to answer again. */
function MoveDialog({ cohortId, meeting, onClose, onMoved, onReload }: {
  cohortId: string;
  meeting: PlenaryView;
  onClose(): void;
  onMoved(view: PlenaryView): Promise<void>;
  onReload(): Promise<void>;
}) {
  const { t, lang, api } = useTab();
  const [date, setDate] = useState(meeting.start.slice(0, 10));
  const [time, setTime] = useState(meeting.start.slice(11, 16));
  return (
    <ChangeDialog
      title={t.moveTitle(meeting.title[lang])}
      cohortId={cohortId}
      meeting={meeting}
      saveLabel={t.moveSave}
      ready={date !== '' && time !== ''}
      save={async () => onMoved(await api.move(cohortId, meeting.id, meeting.version, `${date}T${time}`))}
      onClose={onClose}
      onReload={onReload}
    >
      <Body1>{t.moveIntro}</Body1>
      <Field label={t.newDate} required>
        <Input type="date" value={date} onChange={(_e, data) => setDate(data.value)} required />
      </Field>
      <Field label={t.newTime} required>
        <Input type="time" value={time} onChange={(_e, data) => setTime(data.value)} required step={300} />
      </Field>
    </ChangeDialog>
  );
}

/** Form, place and themes; the place belongs to a physical meeting only (a virtual one's place is its Teams link). */
function EditDialog({ cohortId, meeting, onClose, onEdited, onReload }: {
  cohortId: string;
  meeting: PlenaryView;
  onClose(): void;
  onEdited(view: PlenaryView): Promise<void>;
  onReload(): Promise<void>;
}) {
  const { t, lang, api } = useTab();
  const [form, setForm] = useState<Form>(meeting.form);
  const [place, setPlace] = useState(meeting.place ?? '');
  const [themes, setThemes] = useState(meeting.themes.join('\n'));
  const physical = form === 'physical';
  const save = async () => {
    const details = { form, place: physical ? place : null, themes: themes.split('\n').map((line) => line.trim()).filter((line) => line !== '') };
    await onEdited(await api.meetingDetails(cohortId, meeting.id, meeting.version, details));
  };
  return (
    <ChangeDialog
      title={t.editTitle(meeting.title[lang])}
      cohortId={cohortId}
      meeting={meeting}
      saveLabel={t.editSave}
      ready={!physical || place.trim() !== ''}
      save={save}
      onClose={onClose}
      onReload={onReload}
    >
      <Field label={t.form} required hint={form === meeting.form ? undefined : t.formChangeHint}>
        <RadioGroup value={form} onChange={(_e, data) => setForm(data.value as Form)} layout="horizontal">
          <Radio value="physical" label={t.forms.physical} />
          <Radio value="virtual" label={t.forms.virtual} />
        </RadioGroup>
      </Field>
      {physical && (
        <Field label={t.place} hint={t.placeHint} required>
          <Input value={place} onChange={(_e, data) => setPlace(data.value)} maxLength={300} required />
        </Field>
      )}
      <Field label={t.themesLabel}>
        <Textarea value={themes} onChange={(_e, data) => setThemes(data.value)} resize="vertical" rows={4} />
      </Field>
    </ChangeDialog>
  );
}
