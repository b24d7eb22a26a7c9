"""The index entries' table laid out for the site search's statement (PostgreSQL only).

For a word found in a tenth of 10,000 articles the statement reads every match's entry (about
a thousand) to put the newest first. Two costs of that read grew with the archive:

- The page id was read from the text ``object_id`` for every match at query time (a regular
  expression guarding the cast, about a third of the statement's time for such a word). It is
  now a stored generated column, ``search_page_id``: PostgreSQL computes it once, when the
  entry is written, with the same digits-only reading (entries of models with other keys get
  NULL, never an error). ``search_indexentry_page_id_idx`` replaces the expression index of
  0001 for the walk over the newest pages of a common word.
- An entry row held its body vector and texts inline: about one row per 8 KiB table page, so a
  thousand matches meant a thousand table pages visited. With ``toast_tuple_target = 128``
  PostgreSQL keeps bodies, texts and the autocomplete vector out of line (TOAST) and rows
  narrow (about 18 per table page); the title vector stays inline (``STORAGE MAIN``) because
  every match's title is read to put title matches first. Only the scored shortlist reads
  bodies.

``wagtailsearch_indexentry`` belongs to Wagtail's search (modelsearch): the generated column
is invisible to it (every insert names its columns). A future migration of that table that
changes ``object_id``'s type would have to drop ``search_page_id`` first; reversing this
migration does that. Storage settings apply to rows as they are written, and adding the column
rewrites the table, so existing entries take the narrow layout at once.
"""

from django.db import migrations

from search.migration_sql import postgresql_only

FORWARD = [
    "ALTER TABLE wagtailsearch_indexentry ALTER COLUMN title SET STORAGE MAIN, SET (toast_tuple_target = 128)",
    # Adding a stored column rewrites the table under the storage settings above.
    "ALTER TABLE wagtailsearch_indexentry ADD COLUMN IF NOT EXISTS search_page_id integer GENERATED ALWAYS AS "
    "(CASE WHEN object_id ~ '^[0-9]{1,9}$' THEN object_id::integer END) STORED",
    "CREATE INDEX IF NOT EXISTS search_indexentry_page_id_idx "
    "ON wagtailsearch_indexentry (content_type_id, search_page_id)",
    "DROP INDEX IF EXISTS search_indexentry_page_idx",
    "ANALYZE wagtailsearch_indexentry",
]
BACKWARD = [
    "ALTER TABLE wagtailsearch_indexentry DROP COLUMN IF EXISTS search_page_id",  # and its index
    "CREATE INDEX IF NOT EXISTS search_indexentry_page_idx ON wagtailsearch_indexentry "
    "(content_type_id, (CASE WHEN object_id ~ '^[0-9]{1,9}$' THEN object_id::integer END))",
    "ALTER TABLE wagtailsearch_indexentry ALTER COLUMN title SET STORAGE EXTENDED, RESET (toast_tuple_target)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_join_indexes")]

    operations = [postgresql_only(FORWARD, BACKWARD)]
