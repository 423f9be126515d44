import { Body1, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3, Subtitle1 } from '@fluentui/react-components';
import type { CohortResponse } from '../api';
import { useStyles, useTab } from '../common';
import { formatDateTime, formatShortDate } from '../time';

/** Advisors: each municipality with its people (read-only here), its bookings and its presentations. */
export function MunicipalitiesPanel({ cohort }: { cohort: CohortResponse }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  const titleOf = (meetingId: string) => {
    const meeting = cohort.meetings.find((m) => m.id === meetingId);
    if (!meeting) return meetingId;
    return meeting.kind === 'plenary' ? `${meeting.title[lang]} ${formatShortDate(meeting.start, lang)}` : meeting.title[lang];
  };

  return (
    <div className={styles.stack}>
      {cohort.municipalities.map((m) => {
        const bookings = cohort.slotBookings.filter((b) => b.municipalityId === m.id && !b.cancelled);
        const presentations = cohort.presentations.filter((p) => p.municipalityId === m.id);
        return (
          <section key={m.id} aria-labelledby={`municipality-${m.id}`} className={styles.stack}>
            <Title3 as="h3" id={`municipality-${m.id}`} className={styles.heading}>{m.name}</Title3>
            <Body1>
              {t.registration}: {m.registration ? t.registered(formatShortDate(m.registration.preparatoryDay, lang), t.timesOfDay[m.registration.timeOfDay] ?? m.registration.timeOfDay) : t.notRegistered}
            </Body1>
            <div className={styles.tableWrap}>
              <Table aria-label={`${t.participants}: ${m.name}`} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t.name}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.role}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.email}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.phone}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.contact}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {m.participants.map((p) => (
                    <TableRow key={p.id}>
                      <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                      <TableCell>{t.participantRoles[p.role] ?? p.role}</TableCell>
                      <TableCell>{p.email}</TableCell>
                      <TableCell>{p.phone ?? t.none}</TableCell>
                      <TableCell>{p.contact ? t.yes : t.no}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <Subtitle1 as="h4" className={styles.heading}>{t.slotBookings}</Subtitle1>
            {bookings.length === 0 ? (
              <Body1 className={styles.muted}>{t.noSlotBookings}</Body1>
            ) : (
              <ul>
                {bookings.map((b) => (
                  <li key={b.meetingId}><Body1>{titleOf(b.meetingId)}: {formatDateTime(b.start, lang)}{b.phone ? ` · ${t.phone} ${b.phone}` : ''}</Body1></li>
                ))}
              </ul>
            )}
            {presentations.length > 0 && (
              <>
                <Subtitle1 as="h4" className={styles.heading}>{t.presentations}</Subtitle1>
                <div className={styles.tableWrap}>
                  <Table aria-label={`${t.presentations}: ${m.name}`} size="small">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">{t.meeting}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t.status}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t.link}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {presentations.map((p) => (
                        <TableRow key={p.meetingId}>
                          <TableCell>{titleOf(p.meetingId)}</TableCell>
                          <TableCell>{t.presentationStatus[p.status] ?? p.status}</TableCell>
                          <TableCell>{p.link ? <Link href={p.link} target="_blank" rel="noreferrer">{t.openLink}</Link> : t.none}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
