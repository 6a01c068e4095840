-- Admin second factor: a TOTP secret (RFC 6238) encrypted with AES-256-GCM under a key that is
-- not in the database, and single-use recovery codes of which only a keyed hash is kept.
CREATE TABLE admin_totp (
    account_id        UUID        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    -- 12-byte nonce || ciphertext || 16-byte tag; the account id is the associated data, so a
    -- secret copied onto another account's row does not decrypt.
    secret_ciphertext BYTEA       NOT NULL,
    key_id            TEXT        NOT NULL,
    -- NULL while enrolment waits for the first code from the authenticator app.
    confirmed_at      TIMESTAMPTZ,
    -- The last 30-second step a code was accepted for: a code is never accepted twice.
    last_used_step    BIGINT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE admin_recovery_code (
    id          BIGSERIAL   PRIMARY KEY,
    account_id  UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    code_hash   BYTEA       NOT NULL CHECK (length(code_hash) = 32),
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (account_id, code_hash)
);
