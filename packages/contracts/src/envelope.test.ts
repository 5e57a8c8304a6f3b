import { describe, expect, it } from "vitest";
import { ContactPreferences, TimeZone } from "./common.js";
import { createEvent } from "./envelope.js";
import { ReferralStatusChanged } from "./events/referrals.js";
import { STREAMS, streamOf } from "./streams.js";

const data = {
  referralId: "r1",
  policeZone: "5277",
  from: "received",
  to: "contacting",
  firstContactAt: null,
} as const;

describe("event envelope", () => {
  it("builds a versioned envelope with a time-ordered UUIDv7 id", () => {
    const first = createEvent(ReferralStatusChanged, { orgId: "org-a", source: "referrals", data });
    const second = createEvent(ReferralStatusChanged, { orgId: "org-a", source: "referrals", data });
    expect(first).toMatchObject({
      type: "referrals.referral.status_changed",
      version: 1,
      orgId: "org-a",
      data,
    });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(first.correlationId).toBe(first.id);
    expect(second.id > first.id).toBe(true);
    expect(ReferralStatusChanged.stream).toBe("REFERRALS");
  });

  it("refuses to build an event its own contract rejects, and so does a consumer on receipt", () => {
    const wrong = { ...data, to: "teleported" as "closed" };
    expect(() =>
      createEvent(ReferralStatusChanged, { orgId: "org-a", source: "referrals", data: wrong }),
    ).toThrow(/to/);
    const received = ReferralStatusChanged.envelope.safeParse({
      id: "01890000-0000-7000-8000-000000000000",
      type: ReferralStatusChanged.type,
      version: ReferralStatusChanged.version,
      occurredAt: new Date().toISOString(),
      source: "referrals",
      orgId: "org-a",
      correlationId: "01890000-0000-7000-8000-000000000000",
      data: wrong,
    });
    expect(received.success).toBe(false);
    expect(received.error?.issues.map((issue) => issue.path.join("."))).toEqual(["data.to"]);
  });

  it("refuses a wrong field of the envelope a producer gives, and builds what a consumer accepts", () => {
    const base = { orgId: "org-a", source: "referrals", data };
    expect(() => createEvent(ReferralStatusChanged, { ...base, orgId: "" })).toThrow(/orgId/);
    expect(() => createEvent(ReferralStatusChanged, { ...base, source: "" })).toThrow(/source/);
    expect(() => createEvent(ReferralStatusChanged, { ...base, correlationId: "" })).toThrow(/correlationId/);
    expect(() => createEvent(ReferralStatusChanged, { ...base, id: "not-a-uuid" })).toThrow(/id/);
    const given = "01890000-0000-7000-8000-000000000000";
    expect(createEvent(ReferralStatusChanged, { ...base, id: given }).id).toBe(given);
    // Unknown data fields are dropped as on receipt, and the event parses as it was built.
    const built = createEvent(ReferralStatusChanged, { ...base, data: { ...data, extra: 1 } as typeof data });
    expect(built.data).toEqual(data);
    expect(ReferralStatusChanged.envelope.parse(built)).toEqual(built);
  });

  it("rejects an envelope of another version or type on receipt", () => {
    const event = createEvent(ReferralStatusChanged, { orgId: "org-a", source: "referrals", data });
    expect(ReferralStatusChanged.envelope.safeParse({ ...event, version: 2 }).success).toBe(false);
    expect(
      ReferralStatusChanged.envelope.safeParse({ ...event, type: "referrals.referral.received" }).success,
    ).toBe(false);
    expect(ReferralStatusChanged.envelope.safeParse(event).success).toBe(true);
  });
});

describe("streams", () => {
  it("maps each subject to the stream of its producing service", () => {
    expect(streamOf("groups.enrolment.confirmed")).toBe("GROUPS");
    expect(streamOf("notifications.message.sent")).toBe("NOTIFICATIONS");
    expect(STREAMS.REFERRALS.subjects).toEqual(["referrals.>"]);
    expect(() => streamOf("billing.invoice.sent")).toThrow(/No stream/);
  });
});

describe("shared types", () => {
  it("accepts IANA zones and rejects made-up ones", () => {
    expect(TimeZone.safeParse("Europe/Brussels").success).toBe(true);
    expect(TimeZone.safeParse("Europe/Atlantis").success).toBe(false);
    expect(TimeZone.safeParse("+02:00 ; DROP TABLE").success).toBe(false);
  });

  it("accepts the zone aliases ICU knows beside its canonical list", () => {
    // Not in Intl.supportedValuesOf("timeZone"), which isTimeZone reads first.
    for (const alias of ["UTC", "Europe/Kiev", "US/Eastern"]) {
      expect(TimeZone.safeParse(alias).success, alias).toBe(true);
    }
  });

  it("defaults a person to discreet, phone-only contact without voicemail", () => {
    expect(ContactPreferences.parse({})).toEqual({
      channels: ["phone"],
      safeWindows: [],
      voicemailAllowed: false,
      discreet: true,
      doNotContact: false,
    });
    expect(
      ContactPreferences.safeParse({ safeWindows: [{ days: [8], from: "09:00", to: "12:00" }] }).success,
    ).toBe(false);
  });
});
