"""SQL that the search app's migrations run on PostgreSQL only (other databases have no such
statement and need none of it)."""

from django.db import migrations


def postgresql_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """A migration operation running ``forward`` (or ``backward`` when reversed) on PostgreSQL."""

    def run(statements):
        def execute(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql)

        return execute

    return migrations.RunPython(run(forward), run(backward))
