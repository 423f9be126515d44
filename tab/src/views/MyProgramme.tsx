import {
  Badge, Body1, Button, Card, Field, Input, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Textarea, Title2, Title3,
} from '@fluentui/react-components';
import { useCallback, useId, useState, type FormEvent } from 'react';
import type { MyMeetingsResponse, PresentationStatus, RsvpAnswer } from '../api';
import { errorText, Failure, lazyView, Loading, useLoad, useStyles, useTab } from '../common';
import { formatDateTime, formatSpan } from '../time';

// Leaders only: a participant's first view does without them.
const RegistrationEntry = lazyView(() => import('./Registration').then((m) => m.RegistrationEntry));
const SlotBooking = lazyView(() => import('./SlotBooking').then((m) => m.SlotBooking));

type Meeting = MyMeetingsResponse['meetings'][number];

/** Participants and leaders: "Mit forløb" — coming meetings with my answer, my municipality's presentation, and for leaders its bookings. */
export function MyProgramme({ leader }: { leader: boolean }) {
  const { t, api } = useTab();
  const styles = useStyles();
  const mine = useLoad(useCallback(() => api.myMeetings(), [api]));

  return (
    <section aria-labelledby="my-programme" className={styles.stack}>
      <Title2 as="h2" id="my-programme" className={styles.heading}>{t.myProgramme}</Title2>
      {leader && <RegistrationEntry />}
      {mine.state === 'loading' && <Loading />}
      {mine.state === 'error' && <Failure error={mine.error} onRetry={() => void mine.reload()} />}
      {mine.state === 'ok' && (
        <>
          {mine.data.meetings.length === 0 && <Body1>{t.noMeetings}</Body1>}
          <div className={styles.cards}>
            {mine.data.meetings.map((meeting) => (
              <MeetingCard key={`${meeting.cohortId}/${meeting.meetingId}`} meeting={meeting} onChanged={mine.reload} />
            ))}
          </div>
          {leader && <SlotBooking />}
        </>
      )}
    </section>
  );
}

function MeetingCard({ meeting, onChanged }: { meeting: Meeting; onChanged(): Promise<void> }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  const headingId = useId();
  const title = meeting.title[lang];
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <div className={styles.stack}>
          <div className={styles.row}>
            <Title3 as="h3" id={headingId} className={styles.heading}>{title}</Title3>
            {meeting.cancelled && <Badge color="danger">{t.cancelled}</Badge>}
          </div>
          <Body1>{formatSpan(meeting.start, meeting.end, lang)}</Body1>
          {meeting.form === 'physical' ? (
            <Body1>{t.place}: {meeting.place ?? t.none}</Body1>
          ) : meeting.joinUrl ? (
            <Link href={meeting.joinUrl} target="_blank" rel="noreferrer">{t.joinTeams}</Link>
          ) : (
            <Body1>{t.online}. {t.joinLater}</Body1>
          )}
          {!meeting.cancelled && <RsvpForm meeting={meeting} onChanged={onChanged} />}
          {meeting.myPresentation && !meeting.cancelled && <PresentationTask meeting={meeting} presentation={meeting.myPresentation} onChanged={onChanged} />}
        </div>
      </Card>
    </section>
  );
}

function RsvpForm({ meeting, onChanged }: { meeting: Meeting; onChanged(): Promise<void> }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const current = meeting.myAnswer?.forCurrentDate ? meeting.myAnswer.answer : null;
  const [answer, setAnswer] = useState<RsvpAnswer | null>(current);
  // The person's own note comes back with their answer, so answering again does not clear it.
  const [note, setNote] = useState(meeting.myAnswer?.forCurrentDate ? (meeting.myAnswer.dietaryNote ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);
  const options: RsvpAnswer[] = meeting.form === 'physical' ? ['in_person', 'declined'] : ['online', 'declined'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer === null) return;
    setBusy(true);
    setResult(null);
    try {
      await api.rsvp(meeting.cohortId, meeting.meetingId, answer, answer === 'in_person' && note.trim() !== '' ? note.trim() : null);
      setResult({ ok: true });
      await onChanged();
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };

  let status: string;
  if (meeting.myAnswer === null) status = t.notAnswered;
  else if (!meeting.myAnswer.forCurrentDate) status = t.answeredEarlierDate(formatDateTime(meeting.myAnswer.forStart, lang));
  else status = `${t.myAnswer}: ${t.answers[meeting.myAnswer.answer] ?? meeting.myAnswer.answer}`;

  return (
    <form onSubmit={(event) => void submit(event)} className={styles.stack}>
      <Body1 aria-live="polite"><strong>{status}</strong></Body1>
      <Field label={t.myAnswer}>
        <RadioGroup value={answer ?? ''} onChange={(_e, data) => setAnswer(data.value as RsvpAnswer)} layout="horizontal">
          {options.map((option) => (
            <Radio key={option} value={option} label={t.answers[option]} />
          ))}
        </RadioGroup>
      </Field>
      {meeting.form === 'physical' && answer === 'in_person' && (
        <Field label={t.dietaryNote} hint={t.dietaryHint}>
          <Textarea value={note} onChange={(_e, data) => setNote(data.value)} maxLength={500} resize="vertical" />
        </Field>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={answer === null || busy}>{t.saveAnswer}</Button>
      </div>
      {result?.ok === true && (
        <MessageBar intent="success"><MessageBarBody>{t.answerSaved}</MessageBarBody></MessageBar>
      )}
      {result?.ok === false && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(result.error, t, lang)}</MessageBarBody></MessageBar>
      )}
    </form>
  );
}

function PresentationTask({ meeting, presentation, onChanged }: { meeting: Meeting; presentation: NonNullable<Meeting['myPresentation']>; onChanged(): Promise<void> }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const headingId = useId();
  const [link, setLink] = useState(presentation.link ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);

  const report = async (status: Exclude<PresentationStatus, 'not_started'>) => {
    setBusy(true);
    setResult(null);
    try {
      await api.presentation(meeting.cohortId, meeting.meetingId, presentation.municipalityId, status, link.trim() === '' ? null : link.trim());
      setResult({ ok: true });
      await onChanged();
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="group" aria-labelledby={headingId} className={styles.stack}>
      <Title3 as="h4" id={headingId} className={styles.heading} style={{ fontSize: 'inherit' }}>{t.presentationHeading(presentation.municipalityName)}</Title3>
      <Body1>
        {t.status}: <strong>{t.presentationStatus[presentation.status]}</strong>
        {presentation.link && (
          <> · <Link href={presentation.link} target="_blank" rel="noreferrer">{t.link}</Link></>
        )}
      </Body1>
      <Field label={t.presentationLink}>
        <Input type="url" value={link} onChange={(_e, data) => setLink(data.value)} placeholder="https://" />
      </Field>
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void report('in_preparation')}>{t.presentationStarted}</Button>
        <Button disabled={busy} appearance="primary" onClick={() => void report('ready')}>{t.presentationReady}</Button>
      </div>
      {result?.ok === true && (
        <MessageBar intent="success"><MessageBarBody>{t.presentationSaved}</MessageBarBody></MessageBar>
      )}
      {result?.ok === false && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(result.error, t, lang)}</MessageBarBody></MessageBar>
      )}
    </div>
  );
}
