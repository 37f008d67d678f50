// No dependencies: the web app's labels and the API's recurrence code both use it.

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat`, built once per locale and options: building one costs far more than
 * formatting with it, and due labels and occurrences format on every render or completion.
 * Throws, as the constructor does, for an unknown time zone.
 */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ""}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
