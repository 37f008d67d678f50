-- hand-written
-- Titles sort as people read them, the same on every server (ADR 0034): ICU's root locale,
-- where case and accents only break ties ("apple" < "Banana", "Émile" among the E's).
-- Deterministic, so titles that compare equal are byte-for-byte equal: keyset cursors hold.
CREATE COLLATION IF NOT EXISTS "title_order" (provider = icu, locale = 'und');
