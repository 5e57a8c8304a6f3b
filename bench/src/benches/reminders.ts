// Reminder fan-out: N reminders due in the same minute delivered to an SMTP sink, against
// nodemailer's own pooled rate to the same sink in the same run.
import nodemailer from "nodemailer";
import { type Bench, type Figure, measured, notMeasured } from "../lib/figures.js";
import { type SinkProcess, startSinkProcess } from "../lib/sink-client.js";
import { measureRelaisReminders } from "./reminders-relais.js";

export const reminderBench: Bench = {
  name: "reminders",
  async run(context) {
    const count = context.quick ? 300 : 10_000;
    const sink = await startSinkProcess(context.root);
    try {
      context.log(`reminders: nodemailer pooled baseline, ${count} messages`);
      // A cold sender and sink run at a third of their speed: warm both up, then measure.
      await sendPooled(sink, context.quick ? 200 : 1_000, "warm-up");
      await sink.clear();
      const baseline = await sendPooled(sink, count, "measured");
      context.log(`  baseline: ${baseline.messagesPerSecond.toFixed(0)} msg/s`);
      await sink.clear();

      context.log("reminders: Relais scheduler");
      const relais = await measureRelaisReminders(context, sink, count);
      const figures: Figure[] = [];
      if ("notMeasured" in relais) {
        figures.push(
          notMeasured(
            "reminders.messagesPerSecond",
            "reminder fan-out",
            "msg/s",
            relais.notMeasured,
            "ratio ≥ 0.5",
          ),
          measured({
            key: "reminders.baseline.messagesPerSecond",
            label: "nodemailer pooled (5) to sink",
            unit: "msg/s",
            value: baseline.messagesPerSecond,
          }),
        );
      } else {
        const figure = measured({
          key: "reminders.messagesPerSecond",
          label: `reminder fan-out (${count.toLocaleString("en-GB")})`,
          unit: "msg/s",
          value: relais.messagesPerSecond,
          baseline: { label: "nodemailer pooled (5)", value: baseline.messagesPerSecond },
          goal: "ratio ≥ 0.5, none lost, none twice",
        });
        figure.met =
          (figure.ratio ?? 0) >= 0.5 &&
          relais.delivered.unique === count &&
          relais.delivered.duplicates === 0;
        figures.push(figure);
      }
      return {
        name: "reminders",
        figures,
        details: { count, baseline, relais },
      };
    } finally {
      await sink.close();
    }
  },
};

async function sendPooled(sink: SinkProcess, count: number, tag: string) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    const started = performance.now();
    let failed = 0;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        transport
          .sendMail({
            from: "Relais <noreply@relais.test>",
            to: `person-${index}@bench.test`,
            subject: `Rappel : séance demain à 18:00 (${tag} ${index})`,
            text: "Bonjour,\n\nVotre séance a lieu demain à 18:00.\n\nÀ bientôt.",
            html: "<p>Bonjour,</p><p>Votre séance a lieu demain à 18:00.</p><p>À bientôt.</p>",
          })
          .catch(() => {
            failed++;
          }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const delivered = await sink.waitFor(count, 10_000);
    return { messagesPerSecond: count / seconds, seconds, failed, delivered };
  } finally {
    transport.close();
  }
}
