/**
 * 014: a counter that moves whenever the SKU mapping changes (triggers, so every writer counts).
 * The stock job keeps the mapping in memory between runs and re-reads it only when the counter
 * has moved: at 200 000 sizes, reading it again every few minutes is most of a run's time.
 */
export const sql = `
CREATE TABLE sku_map_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO sku_map_version (id, version) VALUES (1, 0);
CREATE TRIGGER sku_map_version_insert AFTER INSERT ON sku_map BEGIN UPDATE sku_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sku_map_version_update AFTER UPDATE ON sku_map BEGIN UPDATE sku_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sku_map_version_delete AFTER DELETE ON sku_map BEGIN UPDATE sku_map_version SET version = version + 1 WHERE id = 1; END;
`
