import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by `migrate()` at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/schema.ts", "./src/auth-schema.ts"],
  out: "./drizzle",
});
