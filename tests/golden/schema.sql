CREATE TABLE articles (
    id TEXT PRIMARY KEY NOT NULL,
    schema TEXT, source TEXT, url TEXT, canonical_url TEXT, title TEXT,
    authors TEXT NOT NULL DEFAULT '[]', date TEXT, sitename TEXT, description TEXT,
    tags TEXT NOT NULL DEFAULT '[]', image TEXT, language TEXT, direction TEXT,
    highlights TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '[]', removed TEXT NOT NULL DEFAULT '[]',
    stages TEXT NOT NULL DEFAULT '[]', warnings TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
, search_words TEXT NOT NULL DEFAULT '')
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, search_words)
        VALUES ('delete', old.rowid, old.title, old.text, old.search_words);
END
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, search_words)
        VALUES (new.rowid, new.title, new.text, new.search_words);
END
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, search_words)
        VALUES ('delete', old.rowid, old.title, old.text, old.search_words);
    INSERT INTO articles_fts(rowid, title, text, search_words)
        VALUES (new.rowid, new.title, new.text, new.search_words);
END
CREATE INDEX articles_date ON articles(date)
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, search_words, content="articles",
    tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co Mn'"
)
CREATE TABLE 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID
CREATE TABLE 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB)
CREATE TABLE 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB)
CREATE TABLE 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID
CREATE INDEX articles_language ON articles(language)
