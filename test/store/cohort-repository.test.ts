import { DEFAULT_SETTINGS, type Cohort, type SlotBooking } from '../../src/domain/cohort';
import { erasePersonalData } from '../../src/domain/erase';
import { identityKeys, type Identity } from '../../src/domain/identity';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { toRows } from '../../src/store/cohort-rows';
import { constraintError } from '../../src/store/constraint-errors';
import { engines, useStore } from '../support/engines';
import { refusal } from '../support/refusal';
import { fullCohort } from '../support/full-cohort';
import { meetingByKey, municipality, sampleCohort } from '../support/sample-cohort';

describe.each(engines())('cohort store on $name', (engine) => {
  const fixture = useStore(engine);

  it('opens on the engine asked for and answers a ping', async () => {
    expect(fixture.store.engine).toBe(engine.name);
    await expect(fixture.store.ping()).resolves.toBeUndefined();
  });

  it('loads exactly the cohort it saved, after a restart too', async () => {
    const cohort = fullCohort();
    // The fixture holds an answer given for the date the meeting has since moved from.
    const moved = meetingByKey(cohort, 'refleksion-1');
    expect(cohort.rsvps.find((r) => r.meetingId === moved.id)?.forStart).toBe('2023-06-06T09:00');
    await expect(fixture.store.cohorts.create(cohort)).resolves.toEqual({ cohort, revision: 1 });
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort, revision: 1 });

    const restarted = await fixture.reopen();
    expect(await restarted.cohorts.load(cohort.id)).toStrictEqual({ cohort, revision: 1 });
    expect((await restarted.cohorts.loadAll()).find((c) => c.id === cohort.id)).toStrictEqual(cohort);
  });

  // A save given the cohort as read writes only the differences; without it, the whole aggregate.
  const SAVES = [['whole', false], ['only what changed', true]] as const;

  it.each(SAVES)('saves changes to every part of the aggregate and bumps the revision (%s)', async (_how, diff) => {
    const before = fullCohort();
    await fixture.store.cohorts.create(before);
    const [first, second, third] = before.municipalities;
    const changed: Cohort = {
      ...before,
      name: 'M-ACT 2023 (efterår)',
      advisors: [...before.advisors, { id: 'a-extra', name: 'Per Plan', title: 'Fuldmægtig', phone: null, email: 'per@agency.example.org', entraObjectId: null }],
      meetings: before.meetings.map((m) => (m.kind === 'plenary' ? { ...m, themes: [...m.themes, 'Nyt tema'] } : m)),
      // Reordered, one renamed, one participant moved to another municipality.
      municipalities: [
        { ...third!, name: 'Vejle Kommune (ny)' },
        { ...second!, participants: [...second!.participants, first!.participants[0]!] },
        { ...first!, participants: first!.participants.slice(1), registration: null },
      ],
      rsvps: before.rsvps.slice().reverse(),
    };
    await expect(fixture.store.cohorts.save(changed, 1, diff ? before : undefined)).resolves.toEqual({ cohort: changed, revision: 2 });
    expect(await (await fixture.reopen()).cohorts.load(before.id)).toStrictEqual({ cohort: changed, revision: 2 });
  });

  it.each(SAVES)('lets two municipalities trade names and two people trade e-mails in one save (%s)', async (_how, diff) => {
    const cohort = sampleCohort();
    await fixture.store.cohorts.create(cohort);
    const [first, second, third] = cohort.municipalities;
    const [a, b] = first!.participants;
    const swapped: Cohort = {
      ...cohort,
      municipalities: [
        { ...first!, name: second!.name, participants: [{ ...a!, person: b!.person }, { ...b!, person: a!.person }] },
        { ...second!, name: first!.name },
        third!,
      ],
    };
    await fixture.store.cohorts.save(swapped, 1, diff ? cohort : undefined);
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort: swapped, revision: 2 });
  });

  it('keeps the structure and counts of an erased cohort', async () => {
    const cohort = fullCohort();
    await fixture.store.cohorts.create(cohort);
    const erased = erasePersonalData(cohort, parseInstant('2024-07-12T00:00:00.000Z'));
    await fixture.store.cohorts.save(erased, 1);
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort: erased, revision: 2 });
    const phones = await fixture.store.db.selectFrom('slot_bookings').select(['phone', 'booked_by']).where('cohort_id', '=', cohort.id).orderBy('position').execute();
    expect(phones).toEqual(cohort.slotBookings.map((b) => ({ phone: null, booked_by: b.bookedBy })));
    const summary = (await fixture.store.cohorts.list()).find((s) => s.id === cohort.id);
    expect(summary).toEqual({ id: cohort.id, name: cohort.name, edition: cohort.edition, municipalities: 3, participants: 7, erasedAt: erased.erasedAt });
  });

  it('refuses a save against a stale revision and changes nothing', async () => {
    const cohort = sampleCohort();
    await fixture.store.cohorts.create(cohort);
    const first = { ...cohort, name: 'Første ændring' };
    await fixture.store.cohorts.save(first, 1);

    const error = await refusal(fixture.store.cohorts.save({ ...cohort, name: 'Anden ændring', municipalities: [] }, 1));
    expect(error.code).toBe('concurrent_change');
    expect(error.text.da).toMatch(/ændret/);
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort: first, revision: 2 });
  });

  // On PostgreSQL the two saves run on two pooled connections at once; SQLite's one connection takes them in turn.
  it('lets exactly one of two simultaneous saves of one revision through', async () => {
    const cohort = sampleCohort();
    await fixture.store.cohorts.create(cohort);
    const outcomes = await Promise.allSettled([
      fixture.store.cohorts.save({ ...cohort, name: 'Fra den ene' }, 1),
      fixture.store.cohorts.save({ ...cohort, name: 'Fra den anden' }, 1),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'concurrent_change' });
    expect((await fixture.store.cohorts.load(cohort.id))?.revision).toBe(2);
  });

  it('refuses to save a cohort that was never created', async () => {
    const error = await refusal(fixture.store.cohorts.save(sampleCohort(), 1));
    expect(error.code).toBe('unknown_cohort');
  });

  it('returns null for an unknown id', async () => {
    expect(await fixture.store.cohorts.load('no-such-cohort')).toBeNull();
  });

  it('keeps the slot bookings, a cancelled one too, and lets another municipality take a freed slot', async () => {
    const cohort = fullCohort();
    const [followup, cancelled] = cohort.slotBookings;
    expect(followup).toMatchObject({ cancelled: false, phone: '+45 87 65 43 21' });
    expect(cancelled).toMatchObject({ cancelled: true, generation: 2 });
    await fixture.store.cohorts.create(cohort);
    expect((await fixture.store.cohorts.load(cohort.id))?.cohort.slotBookings).toStrictEqual(cohort.slotBookings);

    const third = cohort.municipalities[2]!;
    const taken: SlotBooking = { ...cancelled!, municipalityId: third.id, bookedBy: third.participants[0]!.id, version: 1, generation: 1, cancelled: false };
    const moved: SlotBooking = { ...followup!, start: parseLocalDateTime('2024-01-11T09:00'), version: followup!.version + 1 };
    const changed: Cohort = { ...cohort, slotBookings: [cancelled!, moved, taken] };
    await fixture.store.cohorts.save(changed, 1);
    expect(await (await fixture.reopen()).cohorts.load(cohort.id)).toStrictEqual({ cohort: changed, revision: 2 });
  });

  it('keeps two municipalities off one slot in the database itself, even when a row is written directly', async () => {
    const cohort = fullCohort();
    await fixture.store.cohorts.create(cohort);
    const [followup] = cohort.slotBookings;
    const second = cohort.municipalities[1]!;
    const clash: SlotBooking = { ...followup!, municipalityId: second.id, bookedBy: second.participants[0]!.id, phone: '+45 11 11 11 11' };
    const withClash: Cohort = { ...cohort, slotBookings: [...cohort.slotBookings, clash] };

    const error = await refusal(fixture.store.cohorts.save(withClash, 1));
    expect(error).toMatchObject({ code: 'slot_taken', path: 'slotBookings.2.start' });
    expect(error.text).toEqual({
      da: 'Tiden er lige blevet taget af en anden kommune. Vælg en anden.',
      en: 'The slot was just taken by another municipality. Pick another.',
    });
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort, revision: 1 });

    const row = toRows(withClash).slot_bookings[2]!;
    const direct = await fixture.store.db.insertInto('slot_bookings').values(row).execute().then(
      () => null,
      (e: unknown) => e,
    );
    expect(direct).not.toBeNull();
    expect(constraintError(direct, withClash)).toMatchObject({ code: 'slot_taken', path: 'slotBookings.2.start' });
    // Cancelled, the same row is let in: only active bookings hold a slot.
    await fixture.store.db.insertInto('slot_bookings').values({ ...row, cancelled: 1 }).execute();
    expect((await fixture.store.cohorts.load(cohort.id))?.cohort.slotBookings).toStrictEqual([...cohort.slotBookings, { ...clash, cancelled: true }]);
  });

  it('gives a cohort saved before a setting existed its default', async () => {
    const cohort = sampleCohort();
    await fixture.store.cohorts.create(cohort);
    const { slotBreakMinutes, ...older } = DEFAULT_SETTINGS;
    expect(slotBreakMinutes).toBe(15);
    await fixture.store.db.updateTable('cohorts').set({ settings: JSON.stringify(older) }).where('id', '=', cohort.id).execute();
    expect((await fixture.store.cohorts.load(cohort.id))?.cohort.settings).toStrictEqual(DEFAULT_SETTINGS);
  });

  it('removes a municipality with its participants, answers, presentation and registration', async () => {
    const cohort = fullCohort();
    await fixture.store.cohorts.create(cohort);
    const gone = cohort.municipalities[0]!;
    const goneParticipants = new Set(gone.participants.map((p) => p.id));
    const without: Cohort = {
      ...cohort,
      municipalities: [...cohort.municipalities.slice(1), municipality('Horsens Kommune')],
      rsvps: cohort.rsvps.filter((r) => !goneParticipants.has(r.participantId)),
      presentations: cohort.presentations.filter((p) => p.municipalityId !== gone.id),
      slotBookings: cohort.slotBookings.filter((b) => b.municipalityId !== gone.id),
    };
    await fixture.store.cohorts.save(without, 1);

    const db = fixture.store.db;
    const left = async (table: 'participants' | 'registrations' | 'rsvps' | 'presentations' | 'slot_bookings', column: 'municipality_id' | 'participant_id', ids: string[]) =>
      (await db.selectFrom(table).select('cohort_id').where('cohort_id', '=', cohort.id).where(column, 'in', ids).execute()).length;
    expect(await left('participants', 'municipality_id', [gone.id])).toBe(0);
    expect(await left('registrations', 'municipality_id', [gone.id])).toBe(0);
    expect(await left('rsvps', 'participant_id', [...goneParticipants])).toBe(0);
    expect(await left('slot_bookings', 'municipality_id', [gone.id])).toBe(0);
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual({ cohort: without, revision: 2 });
  });

  it('cascades a deleted municipality to its rows in the database itself', async () => {
    const cohort = fullCohort();
    await fixture.store.cohorts.create(cohort);
    const third = cohort.municipalities[2]!;
    const db = fixture.store.db;
    await db.deleteFrom('municipalities').where('cohort_id', '=', cohort.id).where('id', '=', third.id).execute();
    const stored = await fixture.store.cohorts.load(cohort.id);
    expect(stored?.cohort.municipalities.map((m) => m.id)).toEqual(cohort.municipalities.slice(0, 2).map((m) => m.id));
    expect(stored?.cohort.presentations).toEqual([]);
    const orphans = await db.selectFrom('participants').select('id').where('cohort_id', '=', cohort.id).where('municipality_id', '=', third.id).execute();
    expect(orphans).toEqual([]);
  });

  it('cascades a deleted meeting or municipality to its slot bookings in the database itself', async () => {
    const cohort = fullCohort();
    await fixture.store.cohorts.create(cohort);
    const [followup, preparatory] = cohort.slotBookings;
    const db = fixture.store.db;
    await db.deleteFrom('meetings').where('cohort_id', '=', cohort.id).where('id', '=', followup!.meetingId).execute();
    expect((await fixture.store.cohorts.load(cohort.id))?.cohort.slotBookings).toStrictEqual([preparatory]);
    await db.deleteFrom('municipalities').where('cohort_id', '=', cohort.id).where('id', '=', preparatory!.municipalityId).execute();
    expect((await fixture.store.cohorts.load(cohort.id))?.cohort.slotBookings).toStrictEqual([]);
  });
});

describe.each(engines())('cohort list on $name', (engine) => {
  const fixture = useStore(engine);

  it('lists every cohort by name with its counts', async () => {
    const five = { ...sampleCohort(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Ærø Kommune', 'Aalborg Kommune']), name: 'Øst 2024' };
    const three = { ...sampleCohort(), name: 'Århus-forløbet' };
    const first = { ...sampleCohort(), name: 'Aabenraa 2023' };
    for (const cohort of [five, three, first]) await fixture.store.cohorts.create(cohort);

    const list = await fixture.store.cohorts.list();
    // Danish order: Æ, Ø, Å come after Z, and "Aa" sorts as Å.
    expect(list.map((s) => s.name)).toEqual(['Øst 2024', 'Aabenraa 2023', 'Århus-forløbet']);
    expect(list.map((s) => [s.municipalities, s.participants])).toEqual([
      [5, 10],
      [3, 6],
      [3, 6],
    ]);
    expect(list[0]).toEqual({ id: five.id, name: 'Øst 2024', edition: five.edition, municipalities: 5, participants: 10, erasedAt: null });
  });
});

describe.each(engines())('finding the cohorts that name someone on $name', (engine) => {
  const fixture = useStore(engine);

  it('loads only the cohorts with a record of that address or object id, however the address is written', async () => {
    const first = sampleCohort();
    const second = { ...sampleCohort(), id: 'other-cohort', name: 'Et andet forløb' };
    await fixture.store.cohorts.create(first);
    await fixture.store.cohorts.create(second);
    const advisor = first.advisors[0]!;
    const participant = first.municipalities[0]!.participants[0]!.person!;
    const ids = async (identity: Identity) => (await fixture.store.cohorts.loadNaming(identityKeys(identity))).map((c) => c.id).sort();

    expect(await ids({ email: ` ${advisor.email.toUpperCase()} ` })).toEqual(['other-cohort', first.id].sort());
    expect(await ids({ userPrincipalName: participant.email.toUpperCase() })).toEqual(['other-cohort', first.id].sort());
    expect(await ids({ email: 'nobody@example.org' })).toEqual([]);
    expect(await ids({})).toEqual([]);

    const known = { ...second, municipalities: second.municipalities.map((m, i) => (i === 0 ? { ...m, participants: m.participants.map((p, j) => (j === 0 && p.person ? { ...p, person: { ...p.person, entraObjectId: 'AAAA0000-1111-2222-3333-444455556666' } } : p)) } : m)) };
    await fixture.store.cohorts.save(known, 1);
    expect(await ids({ aadObjectId: 'aaaa0000-1111-2222-3333-444455556666' })).toEqual(['other-cohort']);
  });
});

describe.each(engines())('saving only what changed on $name', (engine) => {
  const fixture = useStore(engine);

  it('writes an answer, a removed participant and a moved slot as they are, and still lets the database refuse a repeated answer', async () => {
    const before = fullCohort();
    await fixture.store.cohorts.create(before);
    const [first] = before.municipalities;
    const leaving = first!.participants.at(-1)!;
    const answered: Cohort = {
      ...before,
      municipalities: before.municipalities.map((m) => (m.id === first!.id ? { ...m, participants: m.participants.filter((p) => p.id !== leaving.id) } : m)),
      rsvps: [...before.rsvps.filter((r) => r.participantId !== leaving.id).map((r, i) => (i === 0 ? { ...r, answer: 'declined' as const, dietaryNote: null } : r))],
      presentations: before.presentations.slice(1),
    };
    await fixture.store.cohorts.save(answered, 1, before);
    expect(await (await fixture.reopen()).cohorts.load(before.id)).toStrictEqual({ cohort: answered, revision: 2 });

    const repeated: Cohort = { ...answered, rsvps: [...answered.rsvps, answered.rsvps[0]!] };
    await expect(fixture.store.cohorts.save(repeated, 2, answered)).rejects.toThrow();
    expect(await fixture.store.cohorts.load(before.id)).toStrictEqual({ cohort: answered, revision: 2 });
  });
});
