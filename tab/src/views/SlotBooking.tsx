import {
  Body1, Button, Card, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Title2, Title3,
} from '@fluentui/react-components';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { ApiError, type SlotOfferResponse } from '../api';
import { errorText, Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { formatSpan } from '../time';

/** Refusals after which the slots shown are out of date: the tab shows them as they are now, as the bot's card does. */
const STALE_OFFER = new Set(['slot_taken', 'slot_not_offered']);

/** Leaders: book, rebook and cancel the municipality's preparatory meeting and follow-up, by the same rules as the bot's card. */
export function SlotBooking() {
  const { t, api } = useTab();
  const styles = useStyles();
  const offers = useLoad(useCallback(() => api.mySlots(), [api]));

  return (
    <section aria-labelledby="leader-bookings" className={styles.stack}>
      <Title2 as="h2" id="leader-bookings" className={styles.heading}>{t.leaderBookings}</Title2>
      <Body1>{t.slotBooking.intro}</Body1>
      {offers.state === 'loading' && <Loading />}
      {offers.state === 'error' && <Failure error={offers.error} onRetry={() => void offers.reload()} />}
      {offers.state === 'ok' && offers.data.offers.length === 0 && <Body1>{t.slotBooking.none}</Body1>}
      {offers.state === 'ok' && (
        <div className={styles.cards}>
          {offers.data.offers.map((offer) => (
            <SlotOfferCard key={`${offer.cohortId}/${offer.municipalityId}/${offer.meetingId}`} initial={offer} />
          ))}
        </div>
      )}
    </section>
  );
}

type Outcome = { ok: true; text: string } | { ok: false; error: unknown; fresh: boolean };

function SlotOfferCard({ initial }: { initial: SlotOfferResponse }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const headingId = useId();
  const [offer, setOffer] = useState(initial);
  const [picked, setPicked] = useState<string | null>(initial.booking?.start ?? null);
  const [phone, setPhone] = useState(initial.booking?.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { booking } = offer;
  const span = (slot: { start: string; end: string }) => formatSpan(slot.start, slot.end, lang);

  const show = (next: SlotOfferResponse) => {
    setOffer(next);
    setPicked(next.booking?.start ?? null);
    setPhone(next.booking?.phone ?? '');
  };

  const act = async (change: () => Promise<SlotOfferResponse>, done: (next: SlotOfferResponse) => string) => {
    setBusy(true);
    setOutcome(null);
    try {
      const next = await change();
      show(next);
      setOutcome({ ok: true, text: done(next) });
    } catch (error) {
      let fresh = false;
      if (error instanceof ApiError && STALE_OFFER.has(error.code)) {
        try {
          show(await api.slotOffer(offer.cohortId, offer.municipalityId, offer.meetingId));
          fresh = true;
        } catch {
          // The refusal itself is what the person needs to read; the old slots stay until they reload.
        }
      }
      setOutcome({ ok: false, error, fresh });
    } finally {
      setBusy(false);
    }
  };

  const book = (event: FormEvent) => {
    event.preventDefault();
    if (picked === null) return;
    const given = offer.form === 'phone' && phone.trim() !== '' ? phone.trim() : null;
    const moving = booking !== null;
    void act(
      () => api.bookSlot(offer.cohortId, offer.municipalityId, offer.meetingId, picked, given),
      (next) => (next.booking ? (moving ? t.slotBooking.movedNow : t.slotBooking.bookedNow)(span(next.booking)) : t.slotBooking.notBooked),
    );
  };

  const cancel = () => void act(() => api.cancelSlot(offer.cohortId, offer.municipalityId, offer.meetingId), () => t.slotBooking.cancelledNow);

  const unchanged = booking !== null && picked === booking.start && phone.trim() === (booking.phone ?? '');
  const how = offer.form === 'phone' ? t.phoneCall(booking?.phone ?? null) : t.teamsMeeting;

  return (
    <section aria-labelledby={headingId}>
      <Card>
        <form onSubmit={book} className={styles.stack}>
          <Title3 as="h3" id={headingId} className={styles.heading}>{t.slotBooking.heading(offer.title[lang], offer.municipalityName)}</Title3>
          <Body1 aria-live="polite">
            <strong>{booking ? t.slotBooking.booked(span(booking)) : t.slotBooking.notBooked}</strong> · {how}
          </Body1>
          {offer.slots.length === 0 ? (
            <Body1>{t.slotBooking.noFreeSlots}</Body1>
          ) : (
            <>
              <Field label={t.slotBooking.pick}>
                <RadioGroup value={picked ?? ''} onChange={(_e, data) => setPicked(data.value)}>
                  {offer.slots.map((slot) => {
                    const notes = [slot.wished ? t.slotBooking.wished : null, slot.start === booking?.start ? t.slotBooking.current : null].filter(Boolean);
                    return <Radio key={slot.start} value={slot.start} label={notes.length > 0 ? `${span(slot)} (${notes.join(', ')})` : span(slot)} />;
                  })}
                </RadioGroup>
              </Field>
              {offer.form === 'phone' && (
                <Field label={t.slotBooking.phone} hint={t.slotBooking.phoneHint}>
                  <Input type="tel" autoComplete="tel" value={phone} onChange={(_e, data) => setPhone(data.value)} maxLength={30} />
                </Field>
              )}
            </>
          )}
          <div className={styles.row}>
            {offer.slots.length > 0 && (
              <Button type="submit" appearance="primary" disabled={busy || picked === null || unchanged}>
                {booking ? t.slotBooking.move : t.slotBooking.book}
              </Button>
            )}
            {booking && <Button disabled={busy} onClick={cancel}>{t.slotBooking.cancelBooking}</Button>}
          </div>
          {outcome?.ok === true && (
            <MessageBar intent="success"><MessageBarBody>{outcome.text}</MessageBarBody></MessageBar>
          )}
          {outcome?.ok === false && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>
                {errorText(outcome.error, t, lang)}
                {outcome.fresh && ` ${t.slotBooking.freshOffer}`}
              </MessageBarBody>
            </MessageBar>
          )}
        </form>
      </Card>
    </section>
  );
}
