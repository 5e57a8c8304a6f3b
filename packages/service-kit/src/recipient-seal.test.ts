import { describe, expect, it } from "vitest";
import {
  createRecipientOpener,
  createRecipientSealer,
  EPHEMERAL_MS,
  EPHEMERAL_USES,
  generateRecipientKeyPair,
  recipientPublicKey,
} from "./recipient-seal.js";

const fields = {
  displayName: "Laura Peeters",
  contact: { email: "laura@example.org", phone: "+32471284406" },
};

describe("recipient seal", () => {
  it("seals with the public key alone and opens with the private key", () => {
    const pair = generateRecipientKeyPair();
    expect(recipientPublicKey(pair.privateKey)).toBe(pair.publicKey);
    const sealed = createRecipientSealer(pair.publicKey).seal(fields, "referrals.referral.received");
    for (const secret of ["Laura", "laura@example.org", "+32471284406", "32471284406"])
      expect(sealed).not.toContain(secret);
    expect(sealed.startsWith("x1.")).toBe(true);
    expect(createRecipientOpener(pair.privateKey).open(sealed, "referrals.referral.received")).toEqual(
      fields,
    );
  });

  it("opens what the former DER-encoding sealer sealed, and derives the same public key", () => {
    // A throwaway key pair made for this test only, and a value sealed with it by the code before
    // keys went in and out of OpenSSL as JWK: events in flight and dead letters still open.
    const fixture = {
      privateKey: "uLvfcGfQIZWDXsnuj5nZF0tOMsgn8a/41uLSeNSIml8=",
      publicKey: "8XccAJlbB213N0mpHcESNK1Tyhsynnb87YMyWmTGYR4=",
      sealed:
        "x1.d0453924.QFS_5y2XzLt2h-X-8krg3FUitKrDbFvNEbQ3MkTTVUU.uCH6Ahr5mzG6uB-G.TxsPkSaeTXE_3sumUVtfKQ.C3R02iVhMF09wLslcotH4ssx-UhS1qCyBmVguqDKybeztWyFR8cYYTY5FdZZidzZEGDSZ9oxLwPJHUlSRkSLp2EPOO38N-Rn8BjIXHTqudMTSl8NHmjR0cwtLrdE7Q",
    };
    expect(recipientPublicKey(fixture.privateKey)).toBe(fixture.publicKey);
    const opener = createRecipientOpener(fixture.privateKey);
    expect(opener.open(fixture.sealed, "referrals.referral.received")).toEqual(fields);
    // And what is sealed now names the same key id and opens the same way.
    const now = createRecipientSealer(fixture.publicKey).seal(fields, "referrals.referral.received");
    expect(now.split(".")[1]).toBe("d0453924");
    expect(opener.open(now, "referrals.referral.received")).toEqual(fields);
  });

  it("never gives the same text twice for the same value", () => {
    const sealer = createRecipientSealer(generateRecipientKeyPair().publicKey);
    expect(sealer.seal(fields, "t")).not.toBe(sealer.seal(fields, "t"));
  });

  it("seals a bounded run of values per ephemeral key, each with its own IV, then takes a new key", () => {
    const pair = generateRecipientKeyPair();
    let clock = 0;
    const sealer = createRecipientSealer(pair.publicKey, "public key", () => clock);
    const opener = createRecipientOpener(pair.privateKey);
    const run = Array.from({ length: EPHEMERAL_USES + 1 }, (_, i) => sealer.seal({ i }, "t"));
    const ephemeralOf = (sealed: string) => sealed.split(".")[2];
    expect(new Set(run.slice(0, EPHEMERAL_USES).map(ephemeralOf)).size).toBe(1);
    expect(ephemeralOf(run[EPHEMERAL_USES]!)).not.toBe(ephemeralOf(run[0]!));
    expect(new Set(run.map((sealed) => sealed.split(".")[3])).size).toBe(run.length);
    expect(run.map((sealed) => opener.open(sealed, "t"))).toEqual(run.map((_, i) => ({ i })));
    // Nor does a key outlive its time, however few values it sealed.
    const early = sealer.seal(fields, "t");
    clock += EPHEMERAL_MS;
    const late = sealer.seal(fields, "t");
    expect(ephemeralOf(late)).not.toBe(ephemeralOf(early));
    expect(opener.open(late, "t")).toEqual(fields);
  });

  it("opens values sealed for the previous key during a rotation", () => {
    const old = generateRecipientKeyPair();
    const current = generateRecipientKeyPair();
    const before = createRecipientSealer(old.publicKey).seal(fields, "t");
    const opener = createRecipientOpener(current.privateKey, [old.privateKey]);
    expect(opener.open(before, "t")).toEqual(fields);
    expect(opener.open(createRecipientSealer(current.publicKey).seal(fields, "t"), "t")).toEqual(fields);
    expect(() => createRecipientOpener(current.privateKey).open(before, "t")).toThrow(
      /unknown format or key/,
    );
  });

  it("refuses another recipient's value, another context and a tampered value", () => {
    const pair = generateRecipientKeyPair();
    const other = generateRecipientKeyPair();
    const sealed = createRecipientSealer(pair.publicKey).seal(fields, "groups.enrolment.confirmed");
    expect(() =>
      createRecipientOpener(other.privateKey).open(sealed, "groups.enrolment.confirmed"),
    ).toThrow();
    const opener = createRecipientOpener(pair.privateKey);
    expect(() => opener.open(sealed, "groups.enrolment.waitlisted")).toThrow();
    const parts = sealed.split(".");
    parts[5] = Buffer.from("tampered").toString("base64url");
    expect(() => opener.open(parts.join("."), "groups.enrolment.confirmed")).toThrow();
    expect(() => opener.open("v1.x.y", "t")).toThrow(/unknown format/);
  });

  it("names a key that is not 32 bytes", () => {
    expect(() => createRecipientSealer("c2hvcnQ=", "NOTIFICATIONS_SEAL_PUBLIC_KEY")).toThrow(
      /NOTIFICATIONS_SEAL_PUBLIC_KEY must be 32 bytes/,
    );
  });
});
