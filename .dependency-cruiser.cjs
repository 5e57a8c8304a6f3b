// Keeps each service's skeleton honest (docs/architecture.md, "One skeleton"): `domain/` holds
// pure rules, so it reaches no database, bus, network, file system or outside-world adapter; and
// no module or folder depends on itself through others. `pnpm lint` runs it (`lint:deps` in the
// root package.json names the trees it checks: to bring a service in, add its `src` there).

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "domain/ holds rules without I/O: read and write in db/ or actions/, talk to the outside in adapters/, " +
        "and pass what the rule needs as arguments. Schemas (zod, @hono/zod-openapi) are not I/O.",
      from: { path: "/domain/" },
      to: {
        dependencyTypesNot: ["type-only"],
        path: [
          "/(db|actions|routes|events|jobs|adapters)/",
          "node_modules/(drizzle-orm|@libsql|nats|nodemailer|hono|@hono/node-server)/",
          "^packages/(db|bus)/",
          "^(fs|net|http|https|http2|dgram|tls|child_process|worker_threads)$",
          "^node:(fs|net|http|https|http2|dgram|tls|child_process|worker_threads)",
        ],
      },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      comment:
        "A module that reaches itself through its runtime imports: split out what both need " +
        "(a cycle of type-only imports, such as the kit's AppEnv, loads nothing and is left alone).",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-folder-cycles",
      severity: "error",
      comment:
        "Two folders that import each other (e.g. routes/ and actions/): the flow goes one way, " +
        "routes -> actions -> domain / db / adapters.",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    exclude: { path: ["\\.test\\.ts$", "/test/"] },
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: "specify",
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
  },
};
