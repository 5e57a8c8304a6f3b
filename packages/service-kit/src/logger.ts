import pino from "pino";

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

// fast-redact has no "any depth" wildcard, so personal fields are listed at the depths our log
// objects actually reach.
const SECRET_FIELDS = ["authorization", "Authorization", "email", "phone", "contact", "displayName"];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
  `*.*.${field}`,
  `*.*.*.${field}`,
]);

export interface LoggerOptions {
  name: string;
  level?: LogLevel;
  /** Where lines go; stdout unless given (tests pass a stream to read them back). */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    options.destination,
  );
}
