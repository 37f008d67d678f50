import type { TestProject } from "vitest/node";
import { startTestServer } from "../src/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A maintenance database of the run's PostgreSQL server, as its administrator. */
    serverUrl: string;
  }
}

/** One PostgreSQL for the run (embedded unless TEST_DATABASE_URL is set); tests make databases. */
export default async function setup(project: TestProject) {
  const server = await startTestServer(process.env.TEST_DATABASE_URL);
  project.provide("serverUrl", server.url);
  return server.stop;
}
