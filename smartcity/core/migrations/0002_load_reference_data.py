"""Load Binjai's districts, urban villages and city agencies (OPD).

The data is frozen here so that the migration always does the same thing. Region codes follow
the Kemendagri pattern 12.75 (Kota Binjai) . district . village; verify the village codes against
the current Kepmendagri on region codes before exchanging data with national systems.
"""

from django.db import migrations

KECAMATAN = {
    "12.75.01": ("Binjai Selatan", [
        "Bhakti Karya", "Binjai Estate", "Pujidadi", "Rambung Barat", "Rambung Dalam",
        "Rambung Timur", "Tanah Merah", "Tanah Seribu",
    ]),
    "12.75.02": ("Binjai Kota", [
        "Berngam", "Binjai", "Kartini", "Pekan Binjai", "Satria", "Setia", "Tangsi",
    ]),
    "12.75.03": ("Binjai Timur", [
        "Dataran Tinggi", "Mencirim", "Sumber Karya", "Sumber Mulyo Rejo", "Sunggal Kanan",
        "Tanah Tinggi", "Timbang Langkat",
    ]),
    "12.75.04": ("Binjai Utara", [
        "Cengkeh Turi", "Damai", "Jati Karya", "Jati Makmur", "Jati Negara", "Jati Utomo",
        "Kebun Lada", "Nangka", "Pahlawan",
    ]),
    "12.75.05": ("Binjai Barat", [
        "Bandar Senembah", "Limau Mungkur", "Limau Sundai", "Payaroba", "Suka Maju", "Suka Ramai",
    ]),
}

# (short name, full name, kind, head's title)
AGENCIES = [
    ("Setda", "Sekretariat Daerah Kota Binjai", "sekretariat", "Sekretaris Daerah"),
    ("Inspektorat", "Inspektorat Kota Binjai", "inspektorat", "Inspektur"),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah", "badan", "Kepala Badan"),
    ("BPKPAD", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "badan", "Kepala Badan"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "Kepala Badan"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "Kepala Pelaksana"),
    ("Diskominfo", "Dinas Komunikasi dan Informatika", "dinas", "Kepala Dinas"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "Kepala Dinas"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "Kepala Dinas"),
    ("Dinkes", "Dinas Kesehatan", "dinas", "Kepala Dinas"),
    ("Disdik", "Dinas Pendidikan", "dinas", "Kepala Dinas"),
    ("Dishub", "Dinas Perhubungan", "dinas", "Kepala Dinas"),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", "Kepala Dinas"),
    ("Dinsos", "Dinas Sosial", "dinas", "Kepala Dinas"),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "Kepala Dinas"),
    ("Perkim", "Dinas Perumahan dan Kawasan Permukiman", "dinas", "Kepala Dinas"),
    ("Disperindag", "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "dinas", "Kepala Dinas"),
    ("Satpol PP", "Satuan Polisi Pamong Praja", "lainnya", "Kepala Satuan"),
]


def load(apps, schema_editor):
    Kecamatan = apps.get_model("core", "Kecamatan")
    Kelurahan = apps.get_model("core", "Kelurahan")
    Agency = apps.get_model("core", "Agency")
    for code, (name, villages) in KECAMATAN.items():
        kecamatan, _ = Kecamatan.objects.get_or_create(code=code, defaults={"name": name})
        for number, village in enumerate(villages, start=1):
            Kelurahan.objects.get_or_create(
                kecamatan=kecamatan, name=village, defaults={"code": f"{code}.{1000 + number}"}
            )
        Agency.objects.get_or_create(
            short_name=f"Kec. {name.removeprefix('Binjai ')}",
            defaults={
                "name": f"Kecamatan {name}",
                "slug": f"kecamatan-{name.lower().replace(' ', '-')}",
                "kind": "kecamatan",
                "head_title": "Camat",
            },
        )
    for short_name, name, kind, head_title in AGENCIES:
        Agency.objects.get_or_create(
            short_name=short_name,
            defaults={
                "name": name,
                "slug": short_name.lower().replace(" ", "-"),
                "kind": kind,
                "head_title": head_title,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
