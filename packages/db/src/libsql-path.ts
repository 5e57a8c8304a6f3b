// Where libSQL's native driver is, found from @libsql/client.
//
// A service's bundle keeps @libsql/client and libsql external and runs from services/<name>/dist/,
// whose node_modules hold @libsql/client (every service depends on it) but not libsql (a
// dependency of this package and of @libsql/client). Resolved from the bundle, `require("libsql")`
// failed under `node dist/main.js` ("Cannot find module 'libsql'"), and worked only under pnpm's
// scripts and the bench, whose tsx shim sets NODE_PATH to pnpm's store. Resolved from
// @libsql/client, it is the driver the client itself loads, in any install layout.
import { createRequire } from "node:module";

const client = createRequire(import.meta.url).resolve("@libsql/client");
export const LIBSQL_PATH = createRequire(client).resolve("libsql");
