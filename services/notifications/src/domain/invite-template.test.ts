import { describe, expect, it } from "vitest";
import { cancelSession, moveSession, weeklySeries } from "../../test/fixtures.js";
import { buildInvite, buildRecipientInvite, calendarFile, type InviteInput, seriesEvents } from "./invite.js";
import { parseTemplate, standIns } from "./invite-template.js";

const base = (
  overrides: Partial<InviteInput> = {},
): InviteInput & { recipient: { email: string; name?: string } } => ({
  series: weeklySeries(),
  uid: "0123456789abcdef0123456789abcdef@relais",
  sequence: 0,
  method: "REQUEST",
  organizer: { email: "noreply@relais.local", name: "Relais" },
  summary: "Groupe de parole pour victimes de violence",
  includeVenue: true,
  now: new Date("2026-02-01T09:15:42.123Z"),
  ...overrides,
  recipient: overrides.recipient ?? { email: "amina@example.org", name: "Amina" },
});

// Names and addresses that need escaping or folding: quotes, commas, semicolons, backslashes,
// accents (two bytes each), an emoji (a surrogate pair, four bytes), a name long enough to fold.
const recipients = [
  { email: "amina@example.org", name: "Amina" },
  { email: "bram@example.org" },
  { email: "zoe@example.org", name: 'Zoë "Q" O\'Neil-Van den Broeck; de la Tour, très longue 🌷 \\ fin' },
  {
    email: "a.very.long.address.to.fold.past.the.line.limit.person@sub.domain.example-bench.test",
    name: "Ève",
  },
  { email: "semi;colon,comma@example.org", name: "é".repeat(80) },
];

describe("the per-series invite template", () => {
  it("gives every recipient byte for byte the file a full build gives, one series template for all", () => {
    const seriesVariants = [
      weeklySeries(),
      moveSession(weeklySeries(), "ses-3", 2),
      cancelSession(moveSession(weeklySeries(), "ses-3", 2), "ses-5"),
      weeklySeries({ timeZone: "Asia/Kolkata", count: 3 }),
    ];
    for (const series of seriesVariants) {
      // A template is really built (a full build every time would pass the comparison too).
      const events = seriesEvents({ ...base({ series }), ...standIns(true) });
      expect(parseTemplate(calendarFile("REQUEST", events), events.length)).not.toBeNull();
      for (const [i, recipient] of recipients.entries()) {
        const input = base({
          series,
          recipient,
          sequence: i * 7,
          now: new Date(Date.UTC(2026, 1, 1 + i, 8, i)),
        });
        expect(buildRecipientInvite(input)).toBe(buildInvite(input));
      }
    }
  });

  it("keeps the venue, the method, a cancelled session and a discreet summary apart", () => {
    const series = moveSession(weeklySeries(), "ses-2", 1);
    const variants: Array<Partial<InviteInput>> = [
      { includeVenue: false },
      { method: "CANCEL" },
      { method: "CANCEL", cancelledSessionId: "ses-2" },
      { summary: "Rendez-vous", organizer: { email: "noreply@relais.local", name: "Rendez-vous" } },
    ];
    for (const variant of variants) {
      for (const recipient of recipients.slice(0, 3)) {
        const input = base({ series, recipient, sequence: 3, ...variant });
        expect(buildRecipientInvite(input)).toBe(buildInvite(input));
      }
    }
    // Each variant is its own template: the plain REQUEST with the venue still comes out as before.
    const plain = base({ series });
    expect(buildRecipientInvite(plain)).toContain("LOCATION:Rue Secrète 12\\, 4000 Liège");
    expect(buildRecipientInvite({ ...plain, includeVenue: false })).not.toContain("\r\nLOCATION:");
  });

  it("writes only the recipient's own ATTENDEE line, UID and SEQUENCE into their copy", () => {
    const series = weeklySeries();
    const amina = buildRecipientInvite(base({ series, uid: "aaa@relais", sequence: 4 }));
    const bram = buildRecipientInvite(
      base({
        series,
        uid: "bbb@relais",
        sequence: 9,
        recipient: { email: "bram@example.org", name: "Bram" },
      }),
    );
    const unfolded = (ics: string) => ics.replaceAll("\r\n ", "");
    expect(unfolded(amina)).toContain(
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE;CN="Amina":MAILTO:amina@example.org',
    );
    expect(amina).not.toContain("bram");
    expect(bram).not.toContain("amina");
    expect(amina).toContain("UID:aaa@relais\r\nSEQUENCE:4\r\n");
    expect(bram).toContain("UID:bbb@relais\r\nSEQUENCE:9\r\n");
    expect(amina).not.toContain("\u0001");
  });

  it("refuses a calendar whose stand-ins are not where the recipient's lines go", () => {
    expect(parseTemplate("BEGIN:VCALENDAR\r\nEND:VCALENDAR", 1)).toBeNull();
    expect(
      parseTemplate("BEGIN:VEVENT\r\nUID:\u0001uid\u0001\r\nSUMMARY:\u0001email\u0001\r\nEND:VEVENT", 1),
    ).toBeNull();
  });
});
