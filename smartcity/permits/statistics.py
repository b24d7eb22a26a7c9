"""Public statistics of e-sippadu per permit type and month (placeholder until step f)."""


def monthly_statistics():
    return []
