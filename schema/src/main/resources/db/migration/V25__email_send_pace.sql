-- One SES send budget for every email task (issue 13). SES's maximum send rate is the account's,
-- not a task's: the relays book their send slots on this one row (SharedSendSlots), so two or four
-- tasks together still send at the configured rate. next_slot is the earliest moment the next
-- email may go; each booking moves it on by 1/rate.
CREATE TABLE email_send_pace (
    id        smallint    PRIMARY KEY CHECK (id = 1),
    next_slot timestamptz NOT NULL
);

INSERT INTO email_send_pace (id, next_slot) VALUES (1, '-infinity');
