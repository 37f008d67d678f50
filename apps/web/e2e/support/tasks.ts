/**
 * Helpers for specs about tasks: reaching the API directly (to arrange or to interfere, as
 * another device would) and finding tasks on the page.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import type { CreateListInput, List } from "@todo/contract/list";
import type { CreateTaskInput, Task } from "@todo/contract/task";
import { decodeJwt } from "jose";
import { expect } from "../fixtures";

/** The API started by global setup. */
export function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error("E2E_API_URL is not set: run the tests with Playwright (global setup)");
  return url;
}

export interface ApiSession {
  request: APIRequestContext;
  token: string;
  userId: string;
}

/** A token from the web app for the context's signed-in user, as the browser would get it. */
export async function apiSession(request: APIRequestContext): Promise<ApiSession> {
  const response = await request.get("/api/auth/token");
  expect(response.status()).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { request, token, userId: decodeJwt(token).sub ?? "" };
}

export function tasksUrl({ userId }: ApiSession, id?: number): string {
  return `${apiUrl()}/api/${encodeURIComponent(userId)}/tasks${id === undefined ? "" : `/${id}`}`;
}

export async function createThroughApi(session: ApiSession, input: CreateTaskInput): Promise<Task> {
  const response = await session.request.post(tasksUrl(session), {
    data: input,
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Task;
}

export async function readThroughApi(session: ApiSession, id: number): Promise<Task> {
  const response = await session.request.get(tasksUrl(session, id), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Task;
}

export async function deleteThroughApi(session: ApiSession, id: number): Promise<void> {
  const response = await session.request.delete(tasksUrl(session, id), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status()).toBe(204);
}

/** Opens /tasks and waits until the list (or its empty state) shows, i.e. the page is live. */
export async function openTasks(page: Page, path = "/tasks"): Promise<void> {
  await page.goto(path);
  await expect(
    page.getByRole("list", { name: "Tasks" }).or(page.getByText(/^No tasks (here yet|match)/)),
  ).toBeVisible();
}

/**
 * Waits for the lists sidebar to hydrate, which it does after the page (it loads lazily, ADR
 * 0044): its new-list field is served disabled and enabled by hydration. Before then a click on
 * one of its buttons does nothing, and a task dragged onto it is not taken.
 */
export async function sidebarHydrated(page: Page): Promise<void> {
  const sidebar = page.getByRole("navigation", { name: "Views and lists" });
  await expect(sidebar.getByLabel("New list name")).toBeEnabled();
}

export function taskItem(page: Page, title: string) {
  return page.getByTestId("task-item").filter({ has: page.getByText(title, { exact: true }) });
}

export function listsUrl({ userId }: ApiSession): string {
  return `${apiUrl()}/api/${encodeURIComponent(userId)}/lists`;
}

export async function createListThroughApi(
  session: ApiSession,
  input: CreateListInput,
): Promise<List> {
  const response = await session.request.post(listsUrl(session), {
    data: input,
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as List;
}

export async function listsThroughApi(session: ApiSession): Promise<List[]> {
  const response = await session.request.get(listsUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: List[] }).items;
}

/**
 * Presses a board shortcut (`["g", "u"]`) until `arrived` holds: a key pressed before the page
 * has hydrated, or while a field still has focus, reaches no shortcut handler, so each try
 * first moves focus back to the page.
 */
export async function pressShortcut(
  page: Page,
  keys: string[],
  arrived: () => Promise<void>,
): Promise<void> {
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const key of keys) await page.keyboard.press(key);
    await arrived();
  }).toPass({ timeout: 15_000 });
}
