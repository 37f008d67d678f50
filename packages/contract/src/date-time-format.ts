// No dependencies: the web app's labels and the API's recurrence code both use it.

/**
 * `Intl.DateTimeFormat`s of fixed options, built once per locale and time zone: building one
 * costs far more than formatting with it, and due labels and occurrences format on every render
 * or completion. Made once at module scope; the formatter it returns throws, as the constructor
 * does, for an unknown time zone.
 */
export function dateTimeFormats(
  options: Omit<Intl.DateTimeFormatOptions, "timeZone">,
): (locale: string | undefined, timeZone: string | undefined) => Intl.DateTimeFormat {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (locale, timeZone) => {
    const key = `${locale ?? ""}\u0000${timeZone ?? ""}`;
    let format = formats.get(key);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(key, format);
    }
    return format;
  };
}
