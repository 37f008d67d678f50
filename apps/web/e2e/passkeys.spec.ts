import { expect, signOutViaUi, test } from "./fixtures";
import { addPasskeyAuthenticator } from "./support/authenticator";

test("a passkey is added, renamed, signs in, and once removed no longer does", async ({
  page,
  context,
  user,
}) => {
  const { cdp, authenticatorId } = await addPasskeyAuthenticator(context, page);

  await page.goto("/settings");
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);
  const section = page.getByRole("region", { name: "Passkeys" });
  await expect(section.getByText("No passkeys yet.")).toBeVisible();
  await section.getByLabel("Name for a new passkey (optional)").fill("Laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  const passkeys = section.getByTestId("passkey");
  await expect(passkeys).toHaveCount(1);
  await expect(passkeys).toContainText("Laptop");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);

  await passkeys.getByRole("button", { name: "Rename" }).click();
  await section.getByLabel("New name for “Laptop”").fill("Work laptop");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(passkeys).toHaveText(/Work laptop/);

  await signOutViaUi(page);
  await page.goto("/sign-in?next=/settings");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL("/settings");
  const [used] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  expect(used?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

  await section.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(section.getByText("No passkeys yet.")).toBeVisible();

  // The authenticator still holds the credential; the server no longer knows it.
  await signOutViaUi(page);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This passkey is not linked to an account here. Sign in with your password.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});
