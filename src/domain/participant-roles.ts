import type { ParticipantRole } from './cohort';
import { inLanguage, type Texts } from './errors';

/** What each participant role is called, wherever a person's role is shown or exported. */
export const PARTICIPANT_ROLE_NAMES: Readonly<Record<ParticipantRole, Texts>> = {
  line_leader: { da: 'Linjeleder', en: 'Line manager' },
  professional_leader: { da: 'Faglig leder', en: 'Professional leader' },
  mact_coordinator: { da: 'Kommende M-ACT-koordinator', en: 'Coming M-ACT coordinator' },
  project_leader: { da: 'Projektleder', en: 'Project leader' },
  consultant: { da: 'Konsulent', en: 'Consultant' },
  partner: { da: 'Samarbejdspartner', en: 'Partner' },
  other: { da: 'Andet', en: 'Other' },
};

export function participantRoleNames(lang: keyof Texts): Record<ParticipantRole, string> {
  return inLanguage(PARTICIPANT_ROLE_NAMES, lang);
}
