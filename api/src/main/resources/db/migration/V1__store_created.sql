-- Marks the store's creation; the tables come in later migrations.
CREATE TABLE waymark_store (
    created_at TIMESTAMP NOT NULL
);
INSERT INTO waymark_store (created_at) VALUES (CURRENT_TIMESTAMP);
