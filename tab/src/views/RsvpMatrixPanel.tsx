import { useCallback } from 'react';
import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3, Subtitle1 } from '@fluentui/react-components';
import type { RsvpMatrixResponse } from '../api';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { formatDateTime, formatShortDate } from '../time';

type MatrixMeeting = RsvpMatrixResponse['meetings'][number];

/** Advisors: participants × plenaries with each answer, the head-counts, and per physical meeting the catering list. */
export function RsvpMatrixPanel({ cohortId }: { cohortId: string }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const matrix = useLoad(useCallback(() => api.rsvpMatrix(cohortId), [api, cohortId]));
  if (matrix.state === 'loading') return <Loading />;
  if (matrix.state === 'error') return <Failure error={matrix.error} onRetry={() => void matrix.reload()} />;
  const { meetings, participants } = matrix.data;
  const heading = (m: MatrixMeeting) => `${m.title[lang]} ${formatShortDate(m.start, lang)}${m.cancelled ? ` (${t.cancelled})` : ''}`;

  return (
    <div className={styles.stack}>
      <Title3 as="h3" className={styles.heading}>{t.rsvpMatrix}</Title3>
      <div className={styles.tableWrap}>
        <Table aria-label={t.rsvpMatrix} size="small" data-testid="rsvp-matrix">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.participant}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.municipality}</TableHeaderCell>
              {meetings.map((m) => (
                <TableHeaderCell scope="col" key={m.id}>{heading(m)}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {participants.map((p) => (
              <TableRow key={p.id}>
                <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                <TableCell>{p.municipalityName}</TableCell>
                {meetings.map((m) => {
                  const answer = p.answers.find((a) => a.meetingId === m.id);
                  return (
                    <TableCell key={m.id}>
                      {answer ? (
                        <>
                          {t.matrixAnswers[answer.answer] ?? answer.answer}
                          {!answer.forCurrentDate && <div className={styles.muted}>({t.earlierDate})</div>}
                        </>
                      ) : (
                        <span className={styles.muted}>{t.none}</span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <Title3 as="h3" className={styles.heading}>{t.headcounts}</Title3>
      <div className={styles.tableWrap}>
        <Table aria-label={t.headcounts} size="small" data-testid="headcounts">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.meeting}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.inPerson}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.onlineCount}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.declined}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.forEarlierDate}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.notAnsweredCount}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.cateringDeadline}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {meetings.map((m) => (
              <TableRow key={m.id} data-meeting={m.key}>
                <TableHeaderCell scope="row">{heading(m)}</TableHeaderCell>
                <TableCell data-count="inPerson">{m.form === 'physical' ? m.attendance.inPerson : t.none}</TableCell>
                <TableCell data-count="online">{m.form === 'virtual' ? m.attendance.online : t.none}</TableCell>
                <TableCell data-count="declined">{m.attendance.declined}</TableCell>
                <TableCell data-count="earlier">{m.attendance.answeredForEarlierDate}</TableCell>
                <TableCell data-count="notAnswered">{m.attendance.notAnswered}</TableCell>
                <TableCell>{m.cateringDeadline ? formatDateTime(m.cateringDeadline, lang) : t.none}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      {meetings.filter((m) => m.catering !== null && !m.cancelled).map((m) => (
        <Catering key={m.id} meeting={m} />
      ))}
    </div>
  );
}

function Catering({ meeting }: { meeting: MatrixMeeting }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  const catering = meeting.catering;
  if (!catering) return null;
  const title = t.cateringFor(meeting.title[lang], formatShortDate(meeting.start, lang));
  return (
    <section aria-label={title} className={styles.stack}>
      <Subtitle1 as="h4" className={styles.heading}>{title}</Subtitle1>
      <Body1>
        {t.cateringCount(catering.participants, catering.advisors)} {t.cateringDeadline}: {formatDateTime(catering.deadline, lang)}.
      </Body1>
      {catering.dietaryNotes.length === 0 ? (
        <Body1 className={styles.muted}>{t.noDietaryNotes}</Body1>
      ) : (
        <Table aria-label={`${t.dietaryNotes}: ${title}`} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.name}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.municipality}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.note}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {catering.dietaryNotes.map((n, i) => (
              <TableRow key={`${n.name}-${i}`}>
                <TableCell>{n.name}</TableCell>
                <TableCell>{n.municipality}</TableCell>
                <TableCell>{n.note}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
