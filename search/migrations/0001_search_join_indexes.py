"""Indexes for the site search's statement on PostgreSQL (``search.backends.newest_ranked``).

``wagtailsearch_indexentry.object_id`` is text, so joining it to ``wagtailcore_page.id`` through
``page.id::varchar`` can be served by no index from the page's side: for a rare word PostgreSQL
had to read every page (a sequential scan of the whole page table) to join two entries. The
statement joins on the entry's object id read as an integer instead, and these indexes serve
both directions of that join:

- ``search_indexentry_page_idx`` finds a page's entry by (content type, integer id): the walk
  over the newest pages for a common word;
- a matching entry finds its page through the page's primary key: the rare word;
- ``search_live_page_idx`` lists the live pages of a language by id with their content type
  without reading the page table (an index-only scan): the word in between, hash- or merge-joined.

The integer reading only converts ids made of digits (every page id), so entries of models with
other keys never raise. Other databases have no such statement and get no index.
"""

from django.db import migrations

from search.migration_sql import postgresql_only

# The statement's join until migration 0002 stored the page id in a column, word for word
# (PostgreSQL uses an expression index only for the same expression). Kept here as written then.
ENTRY_PAGE_ID = "CASE WHEN object_id ~ '^[0-9]{1,9}$' THEN object_id::integer END"

CREATE = [
    f"CREATE INDEX IF NOT EXISTS search_indexentry_page_idx "
    f"ON wagtailsearch_indexentry (content_type_id, ({ENTRY_PAGE_ID}))",
    "CREATE INDEX IF NOT EXISTS search_live_page_idx ON wagtailcore_page (locale_id, id) "
    "INCLUDE (content_type_id) WHERE live AND depth > 1",
]
DROP = [
    "DROP INDEX IF EXISTS search_indexentry_page_idx",
    "DROP INDEX IF EXISTS search_live_page_idx",
]


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [postgresql_only(CREATE, DROP)]
