import { expect, signInViaUi, test } from "./fixtures";

/** `next` as written in a link; each turns into `//evil.example/phish` once parsed. */
const HOSTILE_NEXT = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/%2e//evil.example/phish",
  "/./%5Cevil.example/phish",
  "/.%5C/evil.example/phish",
  "%2F.%2F%2Fevil.example%2Fphish",
];

test.beforeEach(async ({ context }) => {
  // Should a redirect escape, the browser lands on this page instead of failing to resolve.
  await context.route(/^https?:\/\/evil\.example\//, (route) =>
    route.fulfill({ contentType: "text/html", body: "<h1>Phished</h1>" }),
  );
});

test("a signed-in visitor of /sign-in with a hostile `next` stays on the site", async ({
  page,
  user,
}) => {
  for (const next of HOSTILE_NEXT) {
    await page.goto(`/sign-in?next=${next}`);
    await expect(page, next).toHaveURL("/tasks");
    await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);
  }
});

test("signing in with a hostile `next` lands on the tasks page", async ({
  page,
  context,
  user,
}) => {
  for (const next of ["/.//evil.example/phish", "/./\\evil.example/phish"]) {
    await context.clearCookies();
    await signInViaUi(page, user, next);
    await expect(page, next).toHaveURL("/tasks");
    await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);
  }
});
