-- The SHA-256 of a document's text with its whitespace normalised (line endings, trailing
-- spaces, blank lines), computed by the application: the same article saved again with other
-- line endings is found by it. NULL for documents stored before it existed.
ALTER TABLE documents ADD COLUMN content_sha256 TEXT;
CREATE INDEX documents_by_content ON documents(content_sha256);
