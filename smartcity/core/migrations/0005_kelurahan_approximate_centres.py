"""Approximate centres of Binjai's 37 kelurahan, where their names are written on the maps.

Rough positions (about 300-500 m) estimated within each kecamatan, good enough to orient a
citizen on a map without a basemap, not for boundaries or distances. Staff correct them under
Reference data > Urban villages; this migration fills only centres that are still empty, so it
never overwrites a correction.
"""

from decimal import Decimal

from django.db import migrations

# kecamatan -> kelurahan -> (latitude, longitude)
CENTRES = {
    "Binjai Kota": {
        "Berngam": ("3.603000", "98.479000"),
        "Binjai": ("3.599000", "98.490000"),
        "Kartini": ("3.606000", "98.488000"),
        "Pekan Binjai": ("3.601000", "98.485000"),
        "Satria": ("3.594500", "98.482000"),
        "Setia": ("3.594000", "98.493000"),
        "Tangsi": ("3.608000", "98.493000"),
    },
    "Binjai Utara": {
        "Cengkeh Turi": ("3.642000", "98.495000"),
        "Damai": ("3.618000", "98.488000"),
        "Jati Karya": ("3.652000", "98.487000"),
        "Jati Makmur": ("3.633000", "98.480000"),
        "Jati Negara": ("3.628000", "98.492000"),
        "Jati Utomo": ("3.644000", "98.478000"),
        "Kebun Lada": ("3.625000", "98.505000"),
        "Nangka": ("3.616000", "98.496000"),
        "Pahlawan": ("3.614000", "98.483000"),
    },
    "Binjai Timur": {
        "Dataran Tinggi": ("3.596000", "98.508000"),
        "Mencirim": ("3.605000", "98.525000"),
        "Sumber Karya": ("3.587000", "98.515000"),
        "Sumber Mulyo Rejo": ("3.610000", "98.515000"),
        "Sunggal Kanan": ("3.588000", "98.525000"),
        "Tanah Tinggi": ("3.604000", "98.502000"),
        "Timbang Langkat": ("3.618000", "98.520000"),
    },
    "Binjai Selatan": {
        "Bhakti Karya": ("3.574000", "98.498000"),
        "Binjai Estate": ("3.556000", "98.496000"),
        "Pujidadi": ("3.582000", "98.487000"),
        "Rambung Barat": ("3.580000", "98.474000"),
        "Rambung Dalam": ("3.572000", "98.485000"),
        "Rambung Timur": ("3.578000", "98.504000"),
        "Tanah Merah": ("3.564000", "98.481000"),
        "Tanah Seribu": ("3.565000", "98.508000"),
    },
    "Binjai Barat": {
        "Bandar Senembah": ("3.600000", "98.470000"),
        "Limau Mungkur": ("3.590000", "98.462000"),
        "Limau Sundai": ("3.608000", "98.469000"),
        "Payaroba": ("3.618000", "98.462000"),
        "Suka Maju": ("3.588000", "98.472000"),
        "Suka Ramai": ("3.596000", "98.456000"),
    },
}


def load(apps, schema_editor):
    Kelurahan = apps.get_model("core", "Kelurahan")
    for kecamatan, villages in CENTRES.items():
        for name, (latitude, longitude) in villages.items():
            Kelurahan.objects.filter(
                kecamatan__name=kecamatan, name=name, latitude__isnull=True, longitude__isnull=True
            ).update(latitude=Decimal(latitude), longitude=Decimal(longitude))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_kelurahan_centre_and_case_followers")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
