"""Create the home page and site, the staff roles and the news moderation workflow.

Roles (auth groups):
* Administrators: every permission of the site, user management included.
* Communications editors: write pages and news, upload images and documents, edit categories,
  announcements, menus and site settings; they submit pages for moderation but cannot publish.
* Moderators: everything editors do, plus publish, unpublish, lock and delete pages; they
  approve or reject pages in the "Moderators approval" workflow task.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Communications editors"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"

EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "add_newscategory"),
    ("home", "change_newscategory"),
    ("home", "add_announcement"),
    ("home", "change_announcement"),
    ("home", "delete_announcement"),
    ("home", "change_sitesettings"),
    ("home", "change_navigationsettings"),
    ("wagtailsearchpromotions", "add_query"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]
MODERATOR_EXTRA_MODEL_PERMISSIONS = [
    ("home", "delete_newscategory"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    "add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document",
]
MODERATOR_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + ["delete_image", "delete_document"]


def _ensure_all_permissions(apps):
    # Permissions are normally created after migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_site_and_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    HomePage = apps.get_model("home", "HomePage")

    # --- Home page and site (replacing Wagtail's placeholder page) ---
    root = Page.objects.get(depth=1)
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    if not HomePage.objects.exists():
        home = HomePage.objects.create(
            title="Beranda",
            draft_title="Beranda",
            slug="beranda",
            content_type=home_type,
            path=f"{root.path}0001",
            depth=2,
            numchild=0,
            url_path="/beranda/",
            locale_id=root.locale_id,
            hero_title="Pemerintah Kota Binjai",
            hero_text="Layanan publik kota dalam genggaman warga.",
        )
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
        Site.objects.all().delete()
        Site.objects.create(
            hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Binjai Smart City"
        )

    # --- Roles ---
    _ensure_all_permissions(apps)
    admins, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    admins.permissions.set(Permission.objects.all())
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.name = EDITORS
        editors.save()
    else:
        editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    editors.permissions.set([_permission(apps, a, c) for a, c in EDITOR_MODEL_PERMISSIONS])
    moderators.permissions.set(
        [_permission(apps, a, c) for a, c in EDITOR_MODEL_PERMISSIONS + MODERATOR_EXTRA_MODEL_PERMISSIONS]
    )

    root_collection = Collection.objects.get(depth=1)
    for group, page_codenames, collection_codenames in (
        (admins, MODERATOR_PAGE_PERMISSIONS, MODERATOR_COLLECTION_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS, MODERATOR_COLLECTION_PERMISSIONS),
        (editors, EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
    ):
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        for codename in page_codenames:
            GroupPagePermission.objects.create(
                group=group, page=root, permission=_permission(apps, "wagtailcore", codename)
            )
        for codename in collection_codenames:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(apps, app_label, codename)
            )

    # --- Moderation workflow: editors submit, moderators approve and publish ---
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderators approval", content_type=task_type, active=True)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("core", "0002_load_reference_data"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(create_site_and_roles, migrations.RunPython.noop)]
