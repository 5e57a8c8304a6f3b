import { createTransport } from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "./smtp.js";

describe("startSmtpSink", () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  beforeEach(() => sink.clear());
  afterAll(async () => {
    await sink?.close();
  });

  const transport = () =>
    createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true });

  it("receives and parses a message sent with nodemailer", async () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    await transport().sendMail({
      from: "Relais <noreply@relais.test>",
      to: ["alice@example.test", "bob@example.test"],
      subject: "Rappel : groupe de parole jeudi",
      text: "À jeudi, 18h.",
      icalEvent: { method: "REQUEST", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
      attachments: [{ filename: "plan.txt", content: "salle 2" }],
    });

    const [mail] = await sink.waitForMessages(1);
    expect(mail!.envelope).toEqual({
      from: "noreply@relais.test",
      to: ["alice@example.test", "bob@example.test"],
    });
    expect(mail!.parsed.subject).toBe("Rappel : groupe de parole jeudi");
    expect(mail!.parsed.text?.trim()).toBe("À jeudi, 18h.");
    expect(mail!.raw).toContain("Subject:");
    const attachment = mail!.parsed.attachments.find((a) => a.filename === "plan.txt");
    expect(attachment?.content.toString()).toBe("salle 2");
  });

  it("accepts SMTP credentials without TLS", async () => {
    await createTransport({
      host: sink.host,
      port: sink.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: "relais", pass: "secret" },
    }).sendMail({ from: "a@relais.test", to: "b@relais.test", subject: "auth", text: "x" });
    expect(await sink.waitForMessages(1)).toHaveLength(1);
  });

  it("fails the next messages with a transient error when asked", async () => {
    sink.failNext(1);
    const sender = transport();
    const message = { from: "a@relais.test", to: "b@relais.test", subject: "retry me", text: "x" };
    await expect(sender.sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
    expect(sink.messages).toHaveLength(0);

    await sender.sendMail(message);
    const [mail] = await sink.waitForMessages(1);
    expect(mail!.parsed.subject).toBe("retry me");
  });

  it("uses a given reply code for failures", async () => {
    sink.failNext(1, 554);
    await expect(
      transport().sendMail({ from: "a@relais.test", to: "b@relais.test", subject: "bounce", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 554 });
  });

  it("rejects waitForMessages with a clear message on timeout", async () => {
    await expect(sink.waitForMessages(1, 200)).rejects.toThrow(
      /expected 1 message\(s\) within 200 ms but got 0/,
    );
  });
});
