-- Embedded demo database only; it mirrors db-migrations' users-api changelog, which owns the real schema.
-- Idempotent, because an in-memory database outlives an application context within one JVM (tests).
CREATE TABLE IF NOT EXISTS users (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(254) NOT NULL CONSTRAINT uq_users_email UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
MERGE INTO users (name, email) KEY (email) VALUES
    ('Ada Lovelace', 'ada@example.com'),
    ('Grace Hopper', 'grace@example.com'),
    ('Alan Turing', 'alan@example.com');
