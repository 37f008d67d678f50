import { createContext, use } from "react";
import type { ApiClient } from "./api-client";

// Apart from the client itself, which server code uses too and where React has no contexts.
export const ApiClientContext = createContext<ApiClient | null>(null);

export function useApiClient(): ApiClient {
  const client = use(ApiClientContext);
  if (!client) throw new Error("useApiClient needs an ApiClientContext provider above it");
  return client;
}
