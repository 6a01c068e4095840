-- A hard lockout of the admin second factor: the rate limit refills, so on its own it lets an
-- attacker with the password try codes for ever. Wrong codes in a row are counted; at the limit
-- (silverjems.identity.mfa.lockout-after) the factor is locked until another admin resets it.
ALTER TABLE admin_totp
    ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN locked_at       TIMESTAMPTZ;
