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

/**
 * `logger.child(bindings)`, made only once something logs through it. Making a child costs ~1 %
 * of an intake's CPU (pino runs its redaction over the bindings), and most requests never log
 * through theirs: the request line is written through the parent with the same fields.
 */
export function lazyChild(logger: Logger, bindings: pino.Bindings): Logger {
  let child: Logger | undefined;
  const made = () => {
    child ??= logger.child(bindings);
    return child;
  };
  return new Proxy(logger, {
    get(_target, property) {
      const target = made();
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (_target, property, value) => Reflect.set(made(), property, value),
    has: (_target, property) => Reflect.has(made(), property),
  });
}
