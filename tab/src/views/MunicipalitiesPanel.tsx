import {
  Body1, Button, Field, Input, Link, MessageBar, MessageBarBody, Subtitle1, Table,
  TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3, makeStyles,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { MAX_MUNICIPALITIES, MIN_MUNICIPALITIES } from '../../../src/domain/cohort';
import type { CohortResponse, ParticipantDetails } from '../api';
import { useStyles, useTab } from '../common';
import { FormDialog } from '../FormDialog';
import { formatDateTime, formatShortDate } from '../time';
import { emptyPerson, PersonFields } from './PersonFields';

type Municipality = CohortResponse['municipalities'][number];
type Participant = Municipality['participants'][number];

type Change =
  | { kind: 'add-municipality' }
  | { kind: 'rename'; municipality: Municipality }
  | { kind: 'remove-municipality'; municipality: Municipality }
  | { kind: 'add-participant'; municipality: Municipality }
  | { kind: 'edit-participant'; municipality: Municipality; participant: Participant }
  | { kind: 'remove-participant'; municipality: Municipality; participant: Participant };

// Addresses are long and unbroken: without this they run into the next column.
const usePanelStyles = makeStyles({ wrap: { overflowWrap: 'anywhere' } });

const detailsOf = (p: Participant): ParticipantDetails => ({ name: p.name, email: p.email, phone: p.phone, role: p.role, contact: p.contact });

/**
 * Advisors: each municipality with its people, its registration, bookings and presentations, and the
 * changes to who is in the cohort. The domain's limits on how many municipalities a cohort has are
 * shown where they bite; the server decides, and a refusal is shown in its own words in the dialog that asked.
 */
export function MunicipalitiesPanel({ cohort, onReload }: { cohort: CohortResponse; onReload(): Promise<void> }) {
  const { t, lang, navigate } = useTab();
  const styles = useStyles();
  const panel = usePanelStyles();
  const fullId = useId();
  const [change, setChange] = useState<Change | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const a = t.municipalityAdmin;
  const count = cohort.municipalities.length;
  const full = count >= MAX_MUNICIPALITIES;

  const titleOf = (meetingId: string) => {
    const meeting = cohort.meetings.find((m) => m.id === meetingId);
    if (!meeting) return meetingId;
    return meeting.kind === 'plenary' ? `${meeting.title[lang]} ${formatShortDate(meeting.start, lang)}` : meeting.title[lang];
  };
  const start = (next: Change) => {
    setDone(null);
    setChange(next);
  };
  const finished = async (message: string | null) => {
    setChange(null);
    setDone(message);
    await onReload();
  };

  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Body1>{a.rule(count)}</Body1>
        <Button appearance="primary" disabledFocusable={full} aria-describedby={full ? fullId : undefined} onClick={() => start({ kind: 'add-municipality' })}>{a.add}</Button>
      </div>
      {full && <MessageBar intent="info" id={fullId}><MessageBarBody>{a.full}</MessageBarBody></MessageBar>}
      {cohort.booking && count <= MIN_MUNICIPALITIES && <MessageBar intent="info"><MessageBarBody>{a.bookedMinimum}</MessageBarBody></MessageBar>}
      {done && <MessageBar intent="success" role="status"><MessageBarBody>{done}</MessageBarBody></MessageBar>}

      {cohort.municipalities.map((m) => {
        const bookings = cohort.slotBookings.filter((b) => b.municipalityId === m.id && !b.cancelled);
        const presentations = cohort.presentations.filter((p) => p.municipalityId === m.id);
        return (
          <section key={m.id} aria-labelledby={`municipality-${m.id}`} className={styles.stack}>
            <div className={styles.row}>
              <Title3 as="h3" id={`municipality-${m.id}`} className={styles.heading}>{m.name}</Title3>
              <Button size="small" onClick={() => start({ kind: 'rename', municipality: m })}>{a.rename(m.name)}</Button>
              <Button size="small" onClick={() => start({ kind: 'remove-municipality', municipality: m })}>{a.remove(m.name)}</Button>
            </div>
            <div className={styles.row}>
              <Body1>
                {t.registration}: {m.registration ? t.registered(formatShortDate(m.registration.preparatoryDay, lang), t.timesOfDay[m.registration.timeOfDay] ?? m.registration.timeOfDay) : t.notRegistered}
              </Body1>
              <Link as="button" onClick={() => navigate(`cohorts/${encodeURIComponent(cohort.id)}/municipalities/${encodeURIComponent(m.id)}/registration`)}>
                {a.registerOnBehalf(m.name)}
              </Link>
            </div>
            <div className={styles.tableWrap}>
              <Table aria-label={`${t.participants}: ${m.name}`} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t.name}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.role}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.email}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.phone}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.contact}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t.actions}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {m.participants.map((p) => (
                    <TableRow key={p.id}>
                      <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                      <TableCell>{t.participantRoles[p.role] ?? p.role}</TableCell>
                      <TableCell className={panel.wrap}>{p.email}</TableCell>
                      <TableCell>{p.phone ?? t.none}</TableCell>
                      <TableCell>{p.contact ? t.yes : t.no}</TableCell>
                      <TableCell>
                        <div className={styles.row}>
                          <Button size="small" aria-label={a.editParticipant(p.name)} onClick={() => start({ kind: 'edit-participant', municipality: m, participant: p })}>{a.edit}</Button>
                          <Button size="small" aria-label={a.removeParticipant(p.name)} onClick={() => start({ kind: 'remove-participant', municipality: m, participant: p })}>{a.removeShort}</Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div>
              <Button onClick={() => start({ kind: 'add-participant', municipality: m })}>{a.addParticipant(m.name)}</Button>
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
      {change && <ChangeDialog cohortId={cohort.id} change={change} onClose={() => setChange(null)} onDone={finished} onStale={() => finished(null)} />}
    </div>
  );
}

/**
 * One change, asked for in a dialog; the API's refusal stays in the dialog, so nothing typed is lost.
 * A change to what is there goes with the municipality's version as shown: if a colleague changed
 * the municipality meanwhile, `onStale` closes the dialog and shows it as it is now.
 */
function ChangeDialog({ cohortId, change, onClose, onDone, onStale }: {
  cohortId: string;
  change: Change;
  onClose(): void;
  onDone(message: string): Promise<void>;
  onStale(): Promise<void>;
}) {
  const { t, api } = useTab();
  const a = t.municipalityAdmin;
  const stale = { onReload: onStale, staleText: a.stale };
  const [name, setName] = useState(change.kind === 'rename' ? change.municipality.name : '');
  const [person, setPerson] = useState<ParticipantDetails>(change.kind === 'edit-participant' ? detailsOf(change.participant) : emptyPerson(change.kind === 'add-municipality'));

  switch (change.kind) {
    case 'add-municipality':
      return (
        <FormDialog title={a.add} saveLabel={a.add} onClose={onClose} save={async () => {
          const added = await api.addMunicipality(cohortId, name, [person]);
          await onDone(a.added(added.name));
        }}>
          <Field label={a.name} required>
            <Input value={name} onChange={(_e, data) => setName(data.value)} required maxLength={200} />
          </Field>
          <Subtitle1 as="h3">{a.firstContact}</Subtitle1>
          <PersonFields value={person} onChange={setPerson} />
        </FormDialog>
      );
    case 'rename':
      return (
        <FormDialog title={a.rename(change.municipality.name)} saveLabel={t.save} onClose={onClose} {...stale} save={async () => {
          await api.renameMunicipality(cohortId, change.municipality.id, change.municipality.version, name);
          await onDone(a.saved);
        }}>
          <Field label={a.newName} required>
            <Input value={name} onChange={(_e, data) => setName(data.value)} required maxLength={200} />
          </Field>
        </FormDialog>
      );
    case 'remove-municipality':
      return (
        <FormDialog title={a.remove(change.municipality.name)} saveLabel={a.remove(change.municipality.name)} onClose={onClose} save={async () => {
          await api.removeMunicipality(cohortId, change.municipality.id, change.municipality.version);
          await onDone(a.removed(change.municipality.name));
        }}>
          <Body1>{a.removeText(change.municipality.name)}</Body1>
        </FormDialog>
      );
    case 'add-participant':
      return (
        <FormDialog title={a.addParticipant(change.municipality.name)} saveLabel={t.save} onClose={onClose} save={async () => {
          await api.addParticipant(cohortId, change.municipality.id, person);
          await onDone(a.saved);
        }}>
          <PersonFields value={person} onChange={setPerson} />
        </FormDialog>
      );
    case 'edit-participant':
      return (
        <FormDialog title={a.editParticipant(change.participant.name)} saveLabel={t.save} onClose={onClose} {...stale} save={async () => {
          await api.editParticipant(cohortId, change.municipality.id, change.municipality.version, change.participant.id, person);
          await onDone(a.saved);
        }}>
          <PersonFields value={person} onChange={setPerson} />
        </FormDialog>
      );
    case 'remove-participant':
      return (
        <FormDialog title={a.removeParticipant(change.participant.name)} saveLabel={a.removeParticipant(change.participant.name)} onClose={onClose} {...stale} save={async () => {
          await api.removeParticipant(cohortId, change.municipality.id, change.municipality.version, change.participant.id);
          await onDone(a.removed(change.participant.name));
        }}>
          <Body1>{a.removeParticipantText(change.participant.name)}</Body1>
        </FormDialog>
      );
  }
}
