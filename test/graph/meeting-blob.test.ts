import { meetingBlobOf } from '../../src/graph/meeting-blob';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%2c%22Oid%22%3a%22o%22%7d';

/** Roughly what Exchange keeps for a Teams meeting: our HTML wrapped in a document, the Teams block appended. */
const TEAMS_BODY = [
  '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>',
  '<p>Tema: Ledelse af den organisatoriske ramme</p>',
  '<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>',
  '<div class="me-email-text" lang="da-DK"><div style="margin-top:24px;margin-bottom:20px"><span style="font-size:24px">Microsoft Teams-møde</span></div>',
  `<div style="margin-bottom:20px"><a class="me-email-headline" href="${JOIN_URL}" target="_blank">Deltag nu</a></div></div>`,
  '<div style="font-size:14px;margin-bottom:4px">________________________________________________________________________________</div>',
  '</body></html>',
].join('\r\n');

describe('the meeting block of a Teams meeting body', () => {
  it('runs from the line of underscores before the join link to the end of the body', () => {
    const blob = meetingBlobOf(TEAMS_BODY, JOIN_URL)!;
    expect(blob.startsWith('<div style="width:100%"><span')).toBe(true);
    expect(blob).toContain(JOIN_URL);
    expect(blob.endsWith('________________________________________________________________________________</div>')).toBe(true);
    expect(blob).not.toContain('Tema:');
    expect(blob).not.toContain('</body>');
  });

  it('finds a link written with HTML entities', () => {
    const url = `${JOIN_URL}&anon=true`;
    expect(meetingBlobOf(TEAMS_BODY.replace(JOIN_URL, url.replace('&', '&amp;')), url)).toContain('anon=true');
  });

  it('keeps at least the link when there is no line of underscores', () => {
    expect(meetingBlobOf(`<p>Tekst</p><a href="${JOIN_URL}">Deltag</a>`, JOIN_URL)).toBe(`<a href="${JOIN_URL}">Deltag</a>`);
  });

  it('is none when the body holds no join link', () => {
    expect(meetingBlobOf('<p>Tema</p>', JOIN_URL)).toBeNull();
  });
});
