"""A year of demo applications (see ``demo``); filled in step (g)."""


def seed_applications(seeder) -> None:
    return None
