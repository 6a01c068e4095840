-- Camel's JDBC idempotent repository (JdbcMessageIdRepository's own layout, created here so the
-- application needs no DDL rights). The primary key is what makes a second claim of the same key
-- wait for, then lose to, the first: the relay inserts its key in the transaction that sends.
CREATE TABLE camel_messageprocessed (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL DEFAULT now(),
    PRIMARY KEY (processorName, messageId)
);
