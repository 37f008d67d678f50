import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "@/lib/api-client-context";

/** The user's delivery choices; `push_public_key` is null when the server has no VAPID keys. */
export interface NotificationSettings {
  email: boolean;
  push_public_key: string | null;
}

export interface PushSubscriptionRecord {
  id: number;
  created_at: string;
}

const settingsPath = (userId: string) => `/api/${encodeURIComponent(userId)}/notification-settings`;

export const pushSubscriptionsPath = (userId: string, id?: number) =>
  `/api/${encodeURIComponent(userId)}/push-subscriptions${id === undefined ? "" : `/${id}`}`;

const settingsKey = (userId: string) => ["notification-settings", userId] as const;

export function useNotificationSettings(userId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: settingsKey(userId),
    queryFn: ({ signal }) =>
      client.request<NotificationSettings>("GET", settingsPath(userId), { signal }),
  });
}

export function useUpdateEmailReminders(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: boolean) =>
      client.request<NotificationSettings>("PUT", settingsPath(userId), { body: { email } }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(userId), settings),
  });
}
