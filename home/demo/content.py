"""Demo content for the Binjai portal apart from the news: pages, settings, menus, users.

Body items are tuples read by ``home.demo.builder``; besides those described in
``home.demo.news`` they can be ``("table", caption, header, rows)``,
``("accordion", title, [(question, answer_html), ...], is_faq)``,
``("cta", title, text, button_text, target)`` where ``target`` is a site path such as
``"/layanan/"`` or an external address, and two generated from the reference data:
``("agencies",)`` (a table of the city's agencies) and ``("regions",)`` (kecamatan and kelurahan).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageSpec:
    slug: str
    title: str
    intro: str
    body: list[tuple] = field(default_factory=list)
    search_description: str = ""
    children: list[PageSpec] = field(default_factory=list)


DEFAULT_PASSWORD = "binjai-demo-2026"  # noqa: S105 - a published demo password, never for production

# --- Home page ------------------------------------------------------------------------------

HOME = {
    "hero_title": "Binjai Smart City",
    "hero_text": (
        "Portal resmi Pemerintah Kota Binjai: sampaikan aspirasi, urus izin, pantau anggaran dan "
        "ikuti perkembangan kota dari mana saja."
    ),
    "hero_link_text": "Lihat layanan online",
    "hero_image": "beranda",  # drawn without any text: the page's own heading goes over it
}

# (title, description, icon): no service page exists yet, so every tile shows "coming soon".
SERVICE_TILES = [
    ("Pengaduan Warga", "Sampaikan keluhan dan aspirasi melalui e-masyarakat.", "complaint"),
    ("Janji Temu", "Pesan jadwal bertemu pejabat Pemko Binjai lewat e-appointment.", "calendar"),
    ("Perizinan", "Ajukan dan pantau izin usaha secara daring melalui e-sippadu.", "permit"),
    ("Musrenbang", "Usulkan dan kawal rencana pembangunan kelurahan dengan e-musrenbang.", "planning"),
    ("Anggaran Daerah", "Lihat ringkasan APBD Kota Binjai di e-budgeting.", "budget"),
    ("Informasi Publik", "Ajukan permohonan informasi kepada PPID Kota Binjai.", "info"),
]

# (metric, label, source) of the home page's key figures, each counted from the records.
KEY_FIGURES = [
    ("kecamatan", "Kecamatan", "Kode wilayah Kemendagri"),
    ("kelurahan", "Kelurahan", "Kode wilayah Kemendagri"),
    ("online_services", "Layanan online", "Portal Binjai Smart City"),
    ("agencies", "Perangkat daerah (OPD)", "Pemerintah Kota Binjai"),
    ("complaints_handled", "Pengaduan selesai ditangani", "e-masyarakat"),
]

# --- Pages ----------------------------------------------------------------------------------

NEWS_INDEX = {
    "slug": "berita",
    "title": "Berita",
    "intro": "Kabar terbaru seputar pemerintahan, pelayanan publik dan pembangunan Kota Binjai.",
}

SERVICE_INDEX = PageSpec(
    slug="layanan",
    title="Layanan Online",
    intro=(
        "Sejak 2016 Pemerintah Kota Binjai menyediakan layanan elektronik agar warga dan pelaku usaha "
        "dapat berurusan dengan pemerintah kota kapan saja, tanpa harus datang ke kantor."
    ),
    search_description="Daftar layanan e-government Kota Binjai: pengaduan, janji temu, perizinan, "
    "musrenbang, anggaran dan informasi publik.",
    body=[
        ("heading", "E-masyarakat: pengaduan dan aspirasi"),
        (
            "paragraph",
            "Laporkan jalan rusak, lampu jalan padam, sampah menumpuk atau sampaikan saran untuk "
            "pemerintah kota. Setiap laporan diteruskan ke perangkat daerah yang berwenang dan statusnya dapat "
            "dipantau pelapor.",
        ),
        ("heading", "E-appointment: janji temu dengan pejabat"),
        (
            "paragraph",
            "Pilih pejabat yang ingin ditemui, tuliskan keperluan dan pilih waktu yang tersedia. "
            "Konfirmasi jadwal dikirim setelah permohonan disetujui.",
        ),
        ("heading", "E-sippadu: perizinan terpadu"),
        (
            "paragraph",
            "Ajukan permohonan izin, unggah dokumen persyaratan dan ikuti setiap tahap prosesnya "
            "hingga izin terbit, dilayani oleh DPMPTSP Kota Binjai.",
        ),
        ("heading", "E-musrenbang: perencanaan partisipatif"),
        (
            "paragraph",
            "Usulan pembangunan dari kelurahan dan kecamatan dicatat, dibahas dan dapat dilacak "
            "sampai masuk ke rencana kerja pemerintah daerah.",
        ),
        ("heading", "E-budgeting: transparansi APBD"),
        (
            "paragraph",
            "Ringkasan anggaran pendapatan dan belanja daerah disajikan secara terbuka agar warga "
            "dapat ikut mengawasi penggunaan anggaran.",
        ),
        ("heading", "PPID: informasi publik"),
        (
            "paragraph",
            "Pejabat Pengelola Informasi dan Dokumentasi melayani permohonan informasi publik sesuai "
            "Undang-Undang Keterbukaan Informasi Publik.",
        ),
        (
            "cta",
            "Butuh bantuan?",
            "Hubungi kami bila mengalami kendala menggunakan layanan online.",
            "Kontak Pemko Binjai",
            "/tentang/kontak/",
        ),
    ],
)

TENTANG = PageSpec(
    slug="tentang",
    title="Tentang Binjai",
    intro=(
        "Binjai adalah kota di Provinsi Sumatera Utara yang terletak di antara Kota Medan dan Kabupaten "
        "Langkat, dikenal sebagai kota rambutan dan pelopor kota cerdas di Sumatera Utara."
    ),
    search_description="Profil Kota Binjai: sejarah, visi dan misi, pemerintahan, wilayah dan kontak.",
    body=[
        (
            "paragraph",
            "Letaknya di jalur lintas Sumatera menjadikan Binjai kota persinggahan dan pusat "
            "perdagangan bagi daerah sekitarnya. Sungai Bingai dan Sungai Mencirim mengalir melintasi kota.",
        ),
        (
            "paragraph",
            "Pada Desember 2016 Binjai menjadi daerah pertama di Sumatera Utara yang menerapkan "
            "konsep kota cerdas melalui peluncuran lima aplikasi e-government.",
        ),
        ("image", "kantor", "Kantor Wali Kota Binjai di Jalan Jenderal Sudirman (ilustrasi)."),
    ],
    children=[
        PageSpec(
            slug="sejarah",
            title="Sejarah Kota Binjai",
            intro="Dari kampung di tepi Sungai Bingai menjadi kota perdagangan di jalur lintas Sumatera.",
            body=[
                (
                    "paragraph",
                    "Nama Binjai umumnya dikaitkan dengan pohon binjai, sejenis pohon mangga hutan "
                    "yang dahulu tumbuh di tepi Sungai Bingai. Di sekitar pohon itulah para pedagang singgah dan "
                    "permukiman mulai berkembang.",
                ),
                ("heading", "Kota perdagangan"),
                (
                    "paragraph",
                    "Pada masa perkebunan tembakau dan karet di Sumatera Timur, Binjai tumbuh menjadi "
                    "tempat berkumpulnya pedagang dan pekerja dari berbagai suku. Keberagaman itu masih terasa "
                    "hingga kini dalam kehidupan warga Melayu, Karo, Jawa, Tionghoa, Mandailing dan lainnya.",
                ),
                ("heading", "Kota rambutan"),
                (
                    "paragraph",
                    "Rambutan dari kebun-kebun di sekitar Binjai sejak lama terkenal manis, sehingga "
                    "kota ini dijuluki kota rambutan.",
                ),
            ],
        ),
        PageSpec(
            slug="visi-misi",
            title="Visi dan Misi",
            intro="Arah pembangunan Kota Binjai sebagai kota cerdas yang melayani warganya.",
            body=[
                ("heading", "Visi"),
                (
                    "quote",
                    "Binjai yang cerdas, sejahtera dan berdaya saing, dengan pelayanan publik yang "
                    "terbuka dan dekat dengan warga.",
                ),
                ("heading", "Misi"),
                (
                    "paragraph",
                    "<ol><li>Menyelenggarakan pemerintahan yang bersih, transparan dan akuntabel "
                    "dengan memanfaatkan teknologi informasi.</li>"
                    "<li>Meningkatkan mutu pelayanan pendidikan dan kesehatan.</li>"
                    "<li>Membangun infrastruktur kota yang merata dan ramah lingkungan.</li>"
                    "<li>Menguatkan ekonomi kerakyatan, UMKM dan perdagangan.</li>"
                    "<li>Melibatkan warga dalam perencanaan dan pengawasan pembangunan.</li></ol>",
                ),
            ],
        ),
        PageSpec(
            slug="struktur-pemerintahan",
            title="Struktur Pemerintahan",
            intro="Perangkat daerah (OPD) yang menyelenggarakan urusan pemerintahan Kota Binjai.",
            body=[
                (
                    "paragraph",
                    "Pemerintah Kota Binjai dipimpin oleh Wali Kota dan Wakil Wali Kota, dibantu "
                    "Sekretaris Daerah yang mengoordinasikan perangkat daerah berikut.",
                ),
                ("agencies",),
                (
                    "cta",
                    "Ingin bertemu pejabat?",
                    "Pesan jadwal pertemuan melalui layanan janji temu.",
                    "Lihat layanan online",
                    "/layanan/",
                ),
            ],
        ),
        PageSpec(
            slug="peta-wilayah",
            title="Peta Wilayah",
            intro="Kota Binjai terbagi atas kecamatan dan kelurahan berikut.",
            body=[("regions",)],
        ),
        PageSpec(
            slug="ppid",
            title="Informasi Publik (PPID)",
            intro="Layanan permohonan informasi publik Pemerintah Kota Binjai.",
            body=[
                (
                    "paragraph",
                    "Setiap orang berhak memperoleh informasi publik. PPID Kota Binjai berada di "
                    "Dinas Komunikasi dan Informatika dan dibantu PPID pembantu di setiap perangkat daerah.",
                ),
                (
                    "table",
                    "Jenis informasi publik",
                    ["Jenis", "Contoh", "Cara memperoleh"],
                    [
                        ["Berkala", "Ringkasan APBD, laporan kinerja", "Diunduh dari portal"],
                        ["Serta-merta", "Peringatan dini bencana", "Diumumkan segera"],
                        ["Setiap saat", "Peraturan daerah, daftar aset", "Permohonan ke PPID"],
                    ],
                ),
                (
                    "cta",
                    "Ajukan permohonan informasi",
                    "Sampaikan permohonan Anda; petugas akan menghubungi Anda melalui e-mail.",
                    "Hubungi PPID",
                    "/tentang/kontak/",
                ),
            ],
        ),
        PageSpec(
            slug="tanya-jawab",
            title="Tanya Jawab",
            intro="Pertanyaan yang sering diajukan tentang layanan online Kota Binjai.",
            body=[
                (
                    "accordion",
                    "Pertanyaan umum",
                    [
                        (
                            "Apakah layanan online dipungut biaya?",
                            "<p>Tidak. Seluruh layanan online Pemerintah Kota Binjai gratis. Biaya hanya berlaku untuk "
                            "retribusi tertentu sesuai peraturan daerah.</p>",
                        ),
                        (
                            "Bagaimana cara menyampaikan pengaduan?",
                            "<p>Gunakan layanan e-masyarakat, isi uraian singkat, lampirkan foto dan tandai lokasi. "
                            "Anda akan menerima nomor laporan untuk memantau tindak lanjutnya.</p>",
                        ),
                        (
                            "Berapa lama izin usaha diproses?",
                            "<p>Tergantung jenis izinnya. Perkiraan waktu ditampilkan saat mengajukan permohonan di "
                            "e-sippadu, dan statusnya dapat dipantau setiap saat.</p>",
                        ),
                        (
                            "Di mana saya dapat melihat anggaran kota?",
                            "<p>Ringkasan APBD tersedia di e-budgeting. Dokumen yang lebih rinci dapat dimohonkan "
                            "kepada PPID.</p>",
                        ),
                        (
                            "Saya tidak punya akses internet. Bagaimana?",
                            "<p>Datanglah ke kantor kelurahan atau kecamatan terdekat; petugas akan membantu Anda "
                            "mengakses layanan.</p>",
                        ),
                    ],
                    True,
                ),
            ],
        ),
        PageSpec(
            slug="kontak",
            title="Kontak",
            intro="Alamat, telepon dan jam pelayanan Kantor Wali Kota Binjai.",
            body=[
                (
                    "paragraph",
                    "<p><b>Kantor Wali Kota Binjai</b><br>Jl. Jenderal Sudirman No. 6, Binjai, "
                    "Sumatera Utara</p><p>Senin–Kamis 08.00–16.00 WIB, Jumat 08.00–16.30 WIB.</p>",
                ),
                (
                    "table",
                    "Kontak layanan",
                    ["Layanan", "Perangkat daerah"],
                    [
                        ["Pengaduan dan informasi publik", "Dinas Komunikasi dan Informatika"],
                        ["Perizinan", "Dinas Penanaman Modal dan PTSP"],
                        ["Kependudukan", "Dinas Kependudukan dan Pencatatan Sipil"],
                        ["Kedaruratan bencana", "Badan Penanggulangan Bencana Daerah"],
                    ],
                ),
                (
                    "cta",
                    "Sampaikan pengaduan",
                    "Keluhan dan aspirasi dapat disampaikan melalui layanan online.",
                    "Layanan online",
                    "/layanan/",
                ),
            ],
        ),
    ],
)

# --- Settings, menus and notices ------------------------------------------------------------

SITE = {"hostname": "localhost", "port": 8000, "site_name": "Binjai Smart City"}

SITE_SETTINGS = {
    "city_name": "Pemerintah Kota Binjai",
    "tagline": "Binjai Smart City: melayani lebih dekat",
    "address": "Jl. Jenderal Sudirman No. 6\nBinjai, Sumatera Utara",
    "phone": "(061) 8820000",
    "email": "kominfo@binjaikota.go.id",
    "office_hours": "Senin–Kamis 08.00–16.00, Jumat 08.00–16.30 WIB",
    "facebook_url": "https://www.facebook.com/pemkotbinjai",
    "instagram_url": "https://www.instagram.com/pemkotbinjai",
    "x_url": "https://x.com/pemkotbinjai",
    "youtube_url": "https://www.youtube.com/@pemkotbinjai",
}

# (label, site path); "/peta-situs/" (the site map for people) becomes an absolute link on the
# default site.
MAIN_MENU = [("Beranda", "/"), ("Berita", "/berita/"), ("Layanan", "/layanan/"), ("Tentang", "/tentang/")]
FOOTER_LINKS = [
    ("Kontak", "/tentang/kontak/"),
    ("Tanya jawab", "/tentang/tanya-jawab/"),
    ("Informasi publik (PPID)", "/tentang/ppid/"),
    ("Peta situs", "/peta-situs/"),
]

# (title, text, link path or "", urgent, starts in days from now, ends in days from now or None)
ANNOUNCEMENTS = [
    (
        "Pemeliharaan sistem layanan online",
        "Layanan e-sippadu dan e-appointment tidak dapat diakses "
        "sementara pada Sabtu malam pukul 22.00–24.00 WIB karena pemeliharaan server.",
        "/layanan/",
        True,
        -1,
        14,
    ),
    (
        "Pengusulan musrenbang kelurahan dibuka",
        "Warga dapat menyampaikan usulan pembangunan melalui kelurahan atau aplikasi e-musrenbang.",
        "/layanan/",
        False,
        -3,
        45,
    ),
    (
        "Libur pelayanan akhir tahun",
        "Kantor pelayanan tutup pada hari libur nasional dan cuti bersama.",
        "",
        False,
        -60,
        -30,
    ),
]

# --- Demo users -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    group: str | None = None
    is_superuser: bool = False
    agency: str | None = None  # link a StaffMember of this agency to the account
    position: str = ""
    staff_role: str = "officer"


DEMO_USERS = [
    DemoUser("admin", "Superuser", "Admin", "Portal", is_superuser=True),
    DemoUser("administrator", "Administrators", "Yusuf", "Harahap", group="Administrators"),
    DemoUser(
        "moderator",
        "Moderators",
        "Andi",
        "Ginting",
        group="Moderators",
        agency="Diskominfo",
        position="Kepala Bidang Informasi dan Komunikasi Publik",
        staff_role="supervisor",
    ),
    DemoUser(
        "redaktur",
        "Communications editors",
        "Rina",
        "Sitepu",
        group="Communications editors",
        agency="Diskominfo",
        position="Pranata Humas",
    ),
]
