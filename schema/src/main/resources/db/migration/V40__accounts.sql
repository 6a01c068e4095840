-- Shopper and admin accounts. An account signs in with a password, with Google, or both; the
-- address is unique whatever its case, because people type it differently from day to day.
CREATE TABLE account (
    id                UUID        PRIMARY KEY,
    email             TEXT        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_normalized  TEXT        NOT NULL UNIQUE CHECK (email_normalized = lower(email_normalized)),
    display_name      TEXT        NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
    -- Argon2id (Spring's {id}-prefixed format, so the algorithm can change later). NULL: the
    -- account only signs in with Google.
    password_hash     TEXT,
    email_verified_at TIMESTAMPTZ,
    roles             TEXT[]      NOT NULL DEFAULT ARRAY['SHOPPER']
                                  CHECK (roles <@ ARRAY['SHOPPER', 'ADMIN']),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Accounts of external identity providers (Google's stable `sub`) linked to our accounts.
CREATE TABLE account_external_identity (
    provider    TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    account_id  UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    email       TEXT        NOT NULL,
    linked_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX account_external_identity_account_idx ON account_external_identity (account_id);

-- One-time tokens sent by email (verification, password reset). Only a SHA-256 of the token is
-- kept: a copy of this table lets nobody verify or reset anything.
CREATE TABLE account_token (
    token_hash  BYTEA       PRIMARY KEY CHECK (length(token_hash) = 32),
    account_id  UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose     TEXT        NOT NULL CHECK (purpose IN ('email-verification', 'password-reset')),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_token_account_idx ON account_token (account_id, purpose);
