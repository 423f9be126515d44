import { Checkbox, Field, Input, Select } from '@fluentui/react-components';
import type { ParticipantDetails } from '../api';
import { useStyles, useTab } from '../common';

/** The roles a participant can have, in the order the programme lists them. */
const ROLES: ParticipantDetails['role'][] = ['line_leader', 'professional_leader', 'mact_coordinator', 'project_leader', 'consultant', 'partner', 'other'];

export const emptyPerson = (contact: boolean): ParticipantDetails => ({ name: '', email: '', phone: null, role: contact ? 'line_leader' : 'consultant', contact });

/**
 * Name, address, phone, role and the leader-contact flag of one person, as an advisor adds them or
 * a leader registers them. The browser checks the address's shape; the server refuses one already
 * in the cohort.
 */
export function PersonFields({ value, onChange }: { value: ParticipantDetails; onChange(next: ParticipantDetails): void }) {
  const { t } = useTab();
  const styles = useStyles();
  const set = (change: Partial<ParticipantDetails>) => onChange({ ...value, ...change });
  return (
    <div className={styles.row}>
      <Field label={t.name} required>
        <Input value={value.name} onChange={(_e, data) => set({ name: data.value })} required maxLength={200} autoComplete="off" />
      </Field>
      <Field label={t.email} required>
        <Input type="email" value={value.email} onChange={(_e, data) => set({ email: data.value })} required maxLength={320} autoComplete="off" />
      </Field>
      <Field label={t.people.phoneOptional}>
        <Input type="tel" value={value.phone ?? ''} onChange={(_e, data) => set({ phone: data.value === '' ? null : data.value })} maxLength={40} autoComplete="off" />
      </Field>
      <Field label={t.role}>
        <Select value={value.role} onChange={(_e, data) => set({ role: data.value as ParticipantDetails['role'] })}>
          {ROLES.map((role) => (
            <option key={role} value={role}>{t.participantRoles[role] ?? role}</option>
          ))}
        </Select>
      </Field>
      <Field hint={t.people.contactHint}>
        <Checkbox checked={value.contact} onChange={(_e, data) => set({ contact: data.checked === true })} label={t.people.contactLabel} />
      </Field>
    </div>
  );
}
