-- How `content` is stored: 'gzip' (written once by the worker, sent as is to
-- clients that accept it), or NULL for the plain text of older exports.
ALTER TABLE "calendar_exports" ADD COLUMN "content_encoding" TEXT;
