import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const INSTALL_HINT = "Install it with `apt-get install -y nats-server` or set NATS_SERVER_BIN to its path.";

/** Path of the nats-server binary: `NATS_SERVER_BIN`, else the PATH (plus the sbin folders apt uses). */
export function natsServerBinary(): string {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`NATS_SERVER_BIN=${fromEnv} is not an executable file. ${INSTALL_HINT}`);
  }
  const folders = [
    ...(process.env.PATH ?? "").split(delimiter),
    "/usr/sbin",
    "/usr/local/sbin",
    "/usr/local/bin",
  ];
  for (const folder of folders) {
    if (!folder) continue;
    const candidate = join(folder, "nats-server");
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(`nats-server was not found on the PATH. ${INSTALL_HINT}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
