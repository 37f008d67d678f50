"use client";

import { useHydrated } from "@/lib/use-hydrated";

const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A moment in the browser's language and time zone, which the server does not know. */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  return <time dateTime={iso}>{hydrated ? format.format(new Date(iso)) : null}</time>;
}
