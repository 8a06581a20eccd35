-- workload.sql: the bench's insert/query workload for the sqlite3 shell,
-- on an in-memory database.  The shell is started with
--   sqlite3 -batch :memory: "CREATE TABLE input AS SELECT N AS rows" ".read workload.sql"
-- Inserts N rows of text and numbers through indexes, updates, deletes and
-- queries them with joins, grouping, sorting and string functions, then
-- prints one checksum line.
.mode list
.separator " "
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, category INTEGER,
                  price REAL, note TEXT);
CREATE INDEX item_name ON item(name);
CREATE INDEX item_category ON item(category, price);
CREATE TABLE category(id INTEGER PRIMARY KEY, label TEXT UNIQUE);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 97)
INSERT INTO category SELECT i, printf('category-%03d-%s', i, hex(i * 7919)) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT rows FROM input))
INSERT INTO item
  SELECT i, printf('item-%d-%x', i % 10007, (i * 2654435761) % 4294967296),
         1 + (i * 31) % 97, ((i * 7) % 1000) / 10.0,
         substr('the quick brown fox jumps over the lazy dog ', 1 + i % 20, 10 + i % 30)
           || printf('%08d', i)
  FROM n;
UPDATE item SET note = upper(note) || '!', price = price * 1.1 WHERE id % 3 = 0;
DELETE FROM item WHERE id % 11 = 0;
CREATE TEMP TABLE summary AS
  SELECT c.label AS label, count(*) AS n, sum(i.price) AS total,
         max(length(i.note)) AS longest, group_concat(substr(i.name, 1, 6), ',') AS names
  FROM item i JOIN category c ON c.id = i.category
  GROUP BY c.label ORDER BY total DESC;
CREATE TEMP TABLE ranked AS
  SELECT name, price, row_number() OVER (PARTITION BY category ORDER BY price DESC, id) AS rank
  FROM item;
SELECT 'sqlite checksum',
       (SELECT sum(n * 31 + longest) + sum(length(names)) FROM summary),
       (SELECT count(*) FROM ranked WHERE rank <= 10),
       (SELECT count(DISTINCT name) FROM item WHERE name LIKE 'item-1%'),
       (SELECT printf('%.1f', sum(price)) FROM item);
