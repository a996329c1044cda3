-- pg_trgm gives typo-tolerant directory search (similarity and trigram indexes). It is a trusted
-- extension on PostgreSQL 13+, so a database owner without superuser rights can create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
