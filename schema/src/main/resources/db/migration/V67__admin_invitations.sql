-- Invitations to become an admin (issue 20.4): the first admin's bootstrap link, made by the shop
-- at start-up while no admin exists, and the links admins send each other. Only the SHA-256 of
-- the link's 256-bit token is kept; accepting is one conditional UPDATE, so a link works once.
CREATE TABLE admin_invitation (
    id               UUID        PRIMARY KEY,
    kind             TEXT        NOT NULL CHECK (kind IN ('bootstrap', 'invitation')),
    -- The invited address; NULL for the bootstrap link (whoever holds it names their address).
    email            TEXT,
    email_normalized TEXT,
    token_hash       BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- The inviting admin's account; NULL for the bootstrap link (nobody is signed in).
    invited_by       UUID        REFERENCES account (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL,
    accepted_at      TIMESTAMPTZ,
    accepted_by      UUID        REFERENCES account (id) ON DELETE SET NULL,
    revoked_at       TIMESTAMPTZ,
    revoked_by       UUID        REFERENCES account (id) ON DELETE SET NULL,
    CHECK ((kind = 'bootstrap') = (email IS NULL)),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);

-- At most one open bootstrap link: replicas starting together cannot issue two.
CREATE UNIQUE INDEX admin_invitation_one_open_bootstrap ON admin_invitation (kind)
    WHERE kind = 'bootstrap' AND accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX admin_invitation_open_by_email ON admin_invitation (email_normalized)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON admin_invitation TO silverjems_shop;
