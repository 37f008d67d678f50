/**
 * docs/api.md, Ended sessions, from the outside: what the API answers to a token, and the 2 s
 * within which every API process must refuse an ended session's tokens.
 */
import type { APIRequestContext } from "@playwright/test";
import { decodeJwt } from "jose";
import { expect } from "../fixtures";

const PROPAGATION_MS = 2_000;

function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error("E2E_API_URL is not set: run the tests with Playwright (global setup)");
  return url;
}

/** A token for the context's signed-in user, as the browser gets it. */
export async function tokenOf(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/auth/token");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** What the API answers to `GET /api/{sub}/tasks` with this token. */
export async function apiStatus(request: APIRequestContext, token: string): Promise<number> {
  const response = await request.get(`${apiUrl()}/api/${decodeJwt(token).sub}/tasks`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status() === 401) {
    expect(response.headers()["www-authenticate"]).toBe(
      'Bearer realm="todo", error="invalid_token"',
    );
  }
  return response.status();
}

/** Polls until the API refuses the token; fails when that takes longer than the contract allows. */
export async function expectRefusedWithinContract(request: APIRequestContext, token: string) {
  await expect
    .poll(() => apiStatus(request, token), { timeout: PROPAGATION_MS, intervals: [50] })
    .toBe(401);
}
