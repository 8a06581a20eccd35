-- Inserts 100000 rows in one transaction, indexes them, and queries them.
CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, blob BLOB);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO t (grp, name, blob)
  SELECT i % 97, 'name' || (i * 7919 % 100003), zeroblob(i % 300) FROM n;
COMMIT;
CREATE INDEX t_name ON t (name);
SELECT grp, count(*), sum(length(blob)), min(name), max(name)
  FROM t GROUP BY grp ORDER BY grp LIMIT 5;
SELECT count(DISTINCT name) FROM t;
DELETE FROM t WHERE grp < 50;
VACUUM;
SELECT count(*), sum(id) FROM t;
