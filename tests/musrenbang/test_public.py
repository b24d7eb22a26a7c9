"""The public page at /musrenbang/."""

from smartcity.musrenbang.models import MusrenbangPage


def make_page(home_page):
    page = MusrenbangPage(title="Musrenbang", slug="musrenbang", intro="Usulkan pembangunan.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
