"use client";

import { useState } from "react";
import { createApiClient } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";
import { DataSection } from "./data-section";
import { DeleteAccountSection } from "./delete-account-section";

/** The settings that reach the API (with their own client): the user's data and its deletion. */
export function UserDataSections({
  apiUrl,
  userId,
  twoFactorEnabled,
}: {
  /** The API's public origin, passed from the server (no build-time URL in the bundle). */
  apiUrl: string;
  userId: string;
  twoFactorEnabled: boolean;
}) {
  const [apiClient] = useState(() => createApiClient({ apiUrl }));
  return (
    <ApiClientContext value={apiClient}>
      <DataSection userId={userId} />
      <DeleteAccountSection userId={userId} twoFactorEnabled={twoFactorEnabled} />
    </ApiClientContext>
  );
}
