import { bigint, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Better Auth 1.7's tables (core: user, session, account, verification; the jwt plugin's jwks;
 * the twoFactor and passkey plugins' tables; rateLimit for database-backed rate limiting). Property names are Better Auth's field names,
 * which the Drizzle adapter looks up; the columns are snake_case like the rest of the schema.
 */
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestampMs("created_at").notNull().defaultNow(),
  updatedAt: timestampMs("updated_at").notNull().defaultNow(),
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestampMs("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestampMs("access_token_expires_at"),
    refreshTokenExpiresAt: timestampMs("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull().defaultNow(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/** Signing keys of the jwt plugin (EdDSA mode); private keys are stored encrypted. */
export const jwks = pgTable("jwks", {
  id: text("id").primaryKey(),
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key").notNull(),
  createdAt: timestampMs("created_at").notNull(),
  expiresAt: timestampMs("expires_at"),
  alg: text("alg"),
  crv: text("crv"),
});

/** One authenticator app (TOTP) per user; secret and backup codes are stored encrypted. */
export const twoFactor = pgTable("two_factor", {
  id: text("id").primaryKey(),
  secret: text("secret").notNull(),
  backupCodes: text("backup_codes").notNull(),
  userId: text("user_id")
    .notNull()
    .unique()
    .references(() => user.id, { onDelete: "cascade" }),
  // False until the first code is confirmed; two-factor is only asked for once it is true.
  verified: boolean("verified").notNull().default(true),
  failedVerificationCount: integer("failed_verification_count").notNull().default(0),
  lockedUntil: timestampMs("locked_until"),
  /** The last TOTP time-step accepted: a code of that step or an earlier one is refused. */
  lastUsedTotpStep: integer("last_used_totp_step").notNull().default(0),
});

/** WebAuthn credentials (passkeys); `counter` is the authenticator's signature counter. */
export const passkey = pgTable(
  "passkey",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull().unique(),
    // An unsigned 32-bit value in WebAuthn: beyond PostgreSQL's integer.
    counter: bigint("counter", { mode: "number" }).notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    createdAt: timestampMs("created_at").defaultNow(),
    aaguid: text("aaguid"),
  },
  (t) => [index("passkey_user_id_idx").on(t.userId)],
);

/** Sign-in and sign-up attempts per client IP and path, shared by every web process. */
export const rateLimit = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/**
 * Failed sign-ins per account (the web app's own table, not Better Auth's), keyed by an HMAC of
 * the email so that addresses without an account are not stored in the clear. Every attempt
 * counts until a success or a password reset deletes the row; from the fifth on, the next waits.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    emailDigest: text("email_digest").primaryKey(),
    attempts: integer("attempts").notNull(),
    blockedUntil: timestampMs("blocked_until"),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [index("sign_in_throttle_updated_at_idx").on(t.updatedAt)],
);
