"""Demo news articles (berita) for the Binjai portal, written in Indonesian.

Two articles retell real events in our own words (the soft launch of Binjai Smart City on
2 December 2016 and the Vice-Governor's visit on 14 January 2019); the others are plausible,
fictional city news with no statistics presented as real facts.

Body items are tuples read by ``home.demo.builder``:
``("paragraph", html_or_text)``, ``("heading", text)``, ``("quote", text)`` and
``("image", image_key, caption)``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: datetime.date
    summary: str
    agency: str  # core.Agency.short_name
    categories: tuple[str, ...]  # NewsCategory slugs
    tags: tuple[str, ...]
    image: str  # key in home.demo.images.IMAGES_BY_KEY
    caption: str
    body: list[tuple] = field(default_factory=list)


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


# (name, slug, description)
CATEGORIES = [
    ("Pemerintahan", "pemerintahan", "Kebijakan, kegiatan wali kota dan penyelenggaraan pemerintahan kota."),
    ("Smart City", "smart-city", "Penerapan teknologi informasi dan aplikasi e-government di Kota Binjai."),
    (
        "Pelayanan Publik",
        "pelayanan-publik",
        "Informasi layanan administrasi, perizinan dan pengaduan warga.",
    ),
    ("Pembangunan", "pembangunan", "Perencanaan dan pelaksanaan pembangunan infrastruktur kota."),
    ("Kesehatan", "kesehatan", "Program kesehatan masyarakat, puskesmas dan posyandu."),
    ("Pendidikan", "pendidikan", "Sekolah, guru, pelajar dan literasi digital."),
    ("Ekonomi", "ekonomi", "UMKM, perdagangan, pasar dan investasi."),
    ("Lingkungan", "lingkungan", "Kebersihan, ruang terbuka hijau dan kesiapsiagaan bencana."),
]

ARTICLES = [
    Article(
        slug="pelatihan-operator-aplikasi-e-gov",
        title="ASN Pemko Binjai Ikuti Pelatihan Operator Aplikasi Layanan Elektronik",
        date=d(2016, 11, 17),
        summary=(
            "Menjelang peluncuran Binjai Smart City, operator dari setiap SKPD dilatih "
            "menggunakan aplikasi pengaduan, perizinan dan perencanaan secara daring."
        ),
        agency="Diskominfo",
        categories=("smart-city", "pemerintahan"),
        tags=("e-government", "pelatihan", "asn"),
        image="rapat",
        caption="Suasana pelatihan operator aplikasi di ruang rapat Diskominfo (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Komunikasi dan Informatika Kota Binjai menggelar pelatihan bagi aparatur "
                "sipil negara yang akan menjadi operator aplikasi layanan elektronik. Setiap satuan kerja "
                "mengutus perwakilan untuk mempelajari alur kerja, mulai dari menerima laporan warga hingga "
                "menindaklanjutinya.",
            ),
            (
                "paragraph",
                "Materi pelatihan disusun bertahap. Peserta berlatih langsung dengan data contoh "
                "sehingga kendala teknis dapat ditemukan sebelum aplikasi dibuka untuk masyarakat.",
            ),
            (
                "quote",
                "Aplikasi sebaik apa pun tidak akan berjalan kalau petugasnya belum siap. Karena itu "
                "kami mulai dari manusianya dulu.",
            ),
        ],
    ),
    Article(
        slug="soft-launching-binjai-smart-city",
        title="Binjai Luncurkan Lima Aplikasi E-Government, Pertama di Sumatera Utara",
        date=d(2016, 12, 2),
        summary=(
            "Pemerintah Kota Binjai meluncurkan secara terbatas lima aplikasi pemerintahan elektronik "
            "dan menjadi daerah pertama di Sumatera Utara yang menerapkan konsep kota cerdas."
        ),
        agency="Diskominfo",
        categories=("smart-city", "pemerintahan"),
        tags=("e-government", "smart city", "kpk", "peluncuran"),
        image="peluncuran",
        caption="Peluncuran perdana Binjai Smart City di aula kantor Wali Kota Binjai (ilustrasi).",
        body=[
            (
                "paragraph",
                "Aula kantor Wali Kota Binjai di Jalan Jenderal Sudirman menjadi saksi dimulainya "
                "Binjai Smart City pada Jumat, 2 Desember 2016. Peluncuran perdana (<i>soft launching</i>) ditandai "
                "dengan bunyi sirene yang ditekan bersama oleh Wali Kota Binjai M. Idaham, Gubernur Sumatera Utara "
                "T. Erry Nuradi, perwakilan tim koordinasi dan supervisi pencegahan Komisi Pemberantasan Korupsi, "
                "serta jajaran Forum Komunikasi Pimpinan Daerah.",
            ),
            ("heading", "Lima aplikasi sekaligus"),
            (
                "paragraph",
                "<p>Aplikasi yang mulai digunakan adalah:</p><ul>"
                "<li><b>e-masyarakat</b> untuk menyampaikan pengaduan dan aspirasi warga;</li>"
                "<li><b>e-appointment</b> untuk membuat janji temu dengan pejabat;</li>"
                "<li><b>e-sippadu</b> untuk perizinan terpadu;</li>"
                "<li><b>e-musrenbang</b> untuk perencanaan pembangunan yang melibatkan warga;</li>"
                "<li><b>e-budgeting</b> untuk penyusunan anggaran yang lebih terbuka.</li></ul>"
                "<p>E-musrenbang dan e-budgeting diperoleh lewat nota kesepahaman dengan Pemerintah Kota Surabaya, "
                "sedangkan tiga aplikasi lainnya dikembangkan sendiri oleh Pemko Binjai. Semuanya ditargetkan "
                "sudah terhubung di seluruh satuan kerja perangkat daerah pada Februari 2017.</p>",
            ),
            (
                "paragraph",
                "Gubernur menyebut Binjai sebagai yang pertama dari 33 kabupaten/kota di Sumatera "
                "Utara yang menerapkan kota cerdas, dan berharap daerah lain segera menyusul. Pada acara yang sama, "
                "Pemko Binjai menandatangani komitmen bersama dengan Politeknik Negeri Medan dan Telkom Witel Medan "
                "untuk mendukung pembangunan Binjai Smart City.",
            ),
            ("image", "smartcity", "Lima aplikasi e-government Binjai saling terhubung (ilustrasi)."),
        ],
    ),
    Article(
        slug="aplikasi-e-gov-terhubung-di-seluruh-opd",
        title="Aplikasi E-Gov Mulai Terhubung di Seluruh Perangkat Daerah",
        date=d(2017, 2, 24),
        summary=(
            "Sesuai target, kelima aplikasi Binjai Smart City kini digunakan bersama oleh seluruh "
            "perangkat daerah sehingga laporan warga bisa diteruskan tanpa berkas kertas."
        ),
        agency="Diskominfo",
        categories=("smart-city",),
        tags=("e-government", "integrasi", "opd"),
        image="smartcity",
        caption="Ilustrasi integrasi data antarperangkat daerah.",
        body=[
            (
                "paragraph",
                "Tiga bulan setelah peluncuran, aplikasi pengaduan, janji temu, perizinan, "
                "perencanaan dan penganggaran kini dapat diakses oleh setiap perangkat daerah dengan akun "
                "masing-masing. Laporan yang masuk lewat e-masyarakat langsung diteruskan ke dinas yang berwenang.",
            ),
            (
                "paragraph",
                "Diskominfo menyiapkan petugas pendamping di setiap kantor selama masa transisi. "
                "Warga yang menemukan kendala dapat menghubungi layanan bantuan pada jam kerja.",
            ),
        ],
    ),
    Article(
        slug="musrenbang-kecamatan-binjai-timur-2017",
        title="Musrenbang Kecamatan Binjai Timur Pakai E-Musrenbang untuk Pertama Kali",
        date=d(2017, 3, 8),
        summary=(
            "Usulan pembangunan dari kelurahan di Binjai Timur kini dicatat langsung dalam aplikasi "
            "sehingga warga dapat memantau nasib usulannya."
        ),
        agency="Bappeda",
        categories=("pembangunan", "smart-city"),
        tags=("musrenbang", "binjai timur", "perencanaan"),
        image="musrenbang",
        caption="Peserta musrenbang kecamatan membahas prioritas usulan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Musyawarah perencanaan pembangunan tingkat Kecamatan Binjai Timur berlangsung di "
                "aula kantor camat dengan menghadirkan lurah, tokoh masyarakat dan perwakilan pemuda. Berbeda dari "
                "tahun-tahun sebelumnya, seluruh usulan diinput ke aplikasi e-musrenbang.",
            ),
            ("heading", "Usulan lebih mudah dilacak"),
            (
                "paragraph",
                "Setiap usulan mendapat nomor dan status, mulai dari diterima, dibahas, hingga masuk "
                "rencana kerja. Bappeda berharap cara ini mengurangi usulan ganda dan membuat proses "
                "perencanaan lebih terbuka.",
            ),
            ("quote", "Dulu kami tidak tahu usulan kami sampai di mana. Sekarang bisa dicek sendiri."),
        ],
    ),
    Article(
        slug="kampanye-imunisasi-mr-di-sekolah",
        title="Dinkes Binjai Gelar Imunisasi Campak dan Rubela di Sekolah",
        date=d(2017, 8, 7),
        summary=(
            "Petugas puskesmas mendatangi sekolah dan posyandu untuk memberikan imunisasi MR kepada "
            "anak usia sekolah dan balita."
        ),
        agency="Dinkes",
        categories=("kesehatan",),
        tags=("imunisasi", "anak", "puskesmas"),
        image="kesehatan",
        caption="Petugas puskesmas menyiapkan vaksin di sekolah dasar (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Kesehatan Kota Binjai bersama puskesmas di lima kecamatan memulai kampanye "
                "imunisasi campak dan rubela. Pada bulan pertama, petugas menyasar sekolah dasar dan madrasah, "
                "kemudian dilanjutkan ke posyandu untuk anak usia dini.",
            ),
            (
                "paragraph",
                "Orang tua diminta membawa buku kesehatan anak. Anak yang sedang demam tinggi akan "
                "dijadwalkan ulang setelah sembuh.",
            ),
        ],
    ),
    Article(
        slug="perbaikan-jalan-lingkungan-binjai-utara",
        title="Perbaikan Jalan Lingkungan di Binjai Utara Dikebut Sebelum Musim Hujan",
        date=d(2017, 9, 19),
        summary=(
            "Dinas PUPR menambal dan mengaspal ulang sejumlah ruas jalan lingkungan yang banyak "
            "dilaporkan warga melalui e-masyarakat."
        ),
        agency="PUPR",
        categories=("pembangunan",),
        tags=("jalan", "binjai utara", "infrastruktur"),
        image="jalan",
        caption="Pengaspalan ulang jalan lingkungan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Pekerjaan dimulai dari ruas yang paling sering dilaporkan rusak oleh warga. Dinas "
                "Pekerjaan Umum dan Penataan Ruang menurunkan tim pemeliharaan rutin dan alat berat ringan agar "
                "pekerjaan selesai sebelum curah hujan meningkat.",
            ),
            (
                "paragraph",
                "Pengendara diimbau berhati-hati di lokasi pekerjaan dan mengikuti arahan petugas. "
                "Kerusakan jalan lain dapat dilaporkan melalui aplikasi e-masyarakat dengan melampirkan foto "
                "dan titik lokasi.",
            ),
        ],
    ),
    Article(
        slug="izin-usaha-online-e-sippadu",
        title="Urus Izin Usaha Kini Bisa dari Rumah Lewat E-Sippadu",
        date=d(2018, 1, 22),
        summary=(
            "DPMPTSP Kota Binjai mengajak pelaku usaha mengajukan permohonan izin secara daring dan "
            "memantau prosesnya tanpa harus bolak-balik ke kantor."
        ),
        agency="DPMPTSP",
        categories=("pelayanan-publik", "ekonomi"),
        tags=("perizinan", "e-sippadu", "umkm"),
        image="perizinan",
        caption="Petugas DPMPTSP melayani konsultasi perizinan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Melalui e-sippadu, pemohon cukup mengisi formulir dan mengunggah dokumen "
                "persyaratan. Petugas memeriksa berkas dan memberi tahu pemohon jika ada kekurangan.",
            ),
            ("heading", "Status permohonan transparan"),
            (
                "paragraph",
                "Setiap tahapan, mulai dari verifikasi hingga penerbitan, tercatat dalam aplikasi. "
                "Pemohon juga dapat datang ke loket untuk konsultasi bila belum terbiasa dengan layanan daring.",
            ),
            (
                "image",
                "umkm",
                "Pelaku usaha mikro menjadi sasaran utama sosialisasi perizinan daring (ilustrasi).",
            ),
        ],
    ),
    Article(
        slug="gotong-royong-bersihkan-bantaran-sungai-bingai",
        title="Warga dan ASN Gotong Royong Bersihkan Bantaran Sungai Bingai",
        date=d(2018, 3, 18),
        summary=(
            "Relawan dari kelurahan di sepanjang Sungai Bingai mengangkut sampah dan "
            "menanam bibit pohon di bantaran sungai."
        ),
        agency="DLH",
        categories=("lingkungan",),
        tags=("sungai bingai", "kebersihan", "gotong royong"),
        image="sungai",
        caption="Aksi bersih-bersih di bantaran Sungai Bingai (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Lingkungan Hidup mengajak warga, pelajar dan aparatur kelurahan membersihkan "
                "bantaran Sungai Bingai pada Minggu pagi. Sampah plastik dipilah dan diangkut truk kebersihan ke "
                "tempat pembuangan akhir.",
            ),
            (
                "quote",
                "Sungai ini milik kita bersama. Kalau bersih, anak-anak juga bisa bermain dengan aman.",
            ),
            (
                "paragraph",
                "Kegiatan serupa direncanakan rutin setiap bulan secara bergiliran di kelurahan yang "
                "dilalui sungai.",
            ),
        ],
    ),
    Article(
        slug="bazar-ramadan-umkm-2018",
        title="Bazar Ramadan Jadi Etalase Produk UMKM Binjai",
        date=d(2018, 5, 28),
        summary=(
            "Puluhan pelaku usaha kecil menjajakan kue, olahan rambutan dan kerajinan di lapangan "
            "kota selama bulan Ramadan."
        ),
        agency="Disperindag",
        categories=("ekonomi",),
        tags=("umkm", "bazar", "ramadan"),
        image="umkm",
        caption="Stan makanan olahan di bazar Ramadan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Bazar dibuka setiap sore menjelang waktu berbuka. Pengunjung dapat menemukan aneka "
                "takjil, makanan khas Melayu dan produk olahan rambutan yang menjadi ciri Kota Binjai.",
            ),
            (
                "paragraph",
                "Dinas Perindustrian, Perdagangan, Koperasi dan UKM menyediakan stan tanpa biaya "
                "sewa bagi usaha mikro yang sudah terdaftar, serta mendampingi pelaku usaha soal kemasan dan "
                "pencatatan keuangan sederhana.",
            ),
        ],
    ),
    Article(
        slug="janji-temu-pejabat-lewat-e-appointment",
        title="Ingin Bertemu Pejabat? Daftar Dulu Lewat E-Appointment",
        date=d(2018, 9, 11),
        summary=(
            "Warga, komunitas dan pelaku usaha dapat memesan jadwal pertemuan dengan pejabat Pemko "
            "Binjai secara daring sehingga waktu tunggu lebih pasti."
        ),
        agency="Setda",
        categories=("pelayanan-publik", "smart-city"),
        tags=("e-appointment", "pelayanan"),
        image="kantor",
        caption="Ruang tunggu tamu di kantor Wali Kota Binjai (ilustrasi).",
        body=[
            (
                "paragraph",
                "Melalui e-appointment, pemohon memilih pejabat yang ingin ditemui, menuliskan "
                "keperluan dan memilih waktu yang tersedia. Konfirmasi dikirim setelah jadwal disetujui.",
            ),
            (
                "paragraph",
                "Bagian Umum Sekretariat Daerah menyebut cara ini membantu pejabat menyiapkan bahan "
                "sebelum pertemuan, sementara warga tidak perlu menunggu tanpa kepastian.",
            ),
        ],
    ),
    Article(
        slug="wagubsu-tinjau-e-government-binjai",
        title="Wagubsu Musa Rajekshah Tinjau Penerapan E-Government di Binjai",
        date=d(2019, 1, 14),
        summary=(
            "Wakil Gubernur Sumatera Utara melihat langsung sistem pemerintahan elektronik Kota Binjai "
            "dan berharap seluruh kabupaten/kota di Sumut mengikutinya."
        ),
        agency="Diskominfo",
        categories=("smart-city", "pemerintahan"),
        tags=("e-government", "smart city", "kunjungan kerja"),
        image="kantor",
        caption="Kunjungan kerja Wakil Gubernur Sumatera Utara ke Pemko Binjai (ilustrasi).",
        body=[
            (
                "paragraph",
                "Wakil Gubernur Sumatera Utara Musa Rajekshah berkunjung ke Pemerintah Kota Binjai "
                "pada Senin, 14 Januari 2019, untuk meninjau penerapan e-government. Bersama Wali Kota Binjai "
                "M. Idaham dan jajaran perangkat daerah, ia mengamati bagaimana aplikasi dipakai dalam administrasi "
                "sehari-hari maupun pelayanan kepada warga.",
            ),
            (
                "paragraph",
                "Seusai berdiskusi, Wagubsu mengungkapkan harapannya agar seluruh kabupaten dan kota di "
                "Sumatera Utara mengikuti jejak Binjai, sehingga pelayanan digital dapat dirasakan masyarakat di "
                "seluruh provinsi.",
            ),
            ("heading", "Binjai siap berbagi"),
            (
                "paragraph",
                "Wali Kota menegaskan aplikasi di Binjai dibangun berdasarkan kebutuhan, bukan "
                "sekadar mengikuti tren. Pemko Binjai menyatakan terbuka membantu daerah lain; selama ini Binjai "
                "juga telah menjadi mentor bagi beberapa kota di kawasan timur Indonesia.",
            ),
        ],
    ),
    Article(
        slug="musrenbang-rkpd-kota-binjai-2020",
        title="Musrenbang Kota Bahas Prioritas Pembangunan Tahun 2020",
        date=d(2019, 3, 26),
        summary=(
            "Usulan dari lima kecamatan dirangkum dalam musrenbang tingkat kota untuk menyusun "
            "Rencana Kerja Pemerintah Daerah tahun berikutnya."
        ),
        agency="Bappeda",
        categories=("pembangunan", "pemerintahan"),
        tags=("musrenbang", "rkpd", "perencanaan"),
        image="musrenbang",
        caption="Pembahasan usulan pada musrenbang tingkat kota (ilustrasi).",
        body=[
            (
                "paragraph",
                "Bappeda memaparkan hasil musrenbang kecamatan yang telah dihimpun melalui "
                "e-musrenbang. Usulan dikelompokkan menurut bidang: infrastruktur, pendidikan, kesehatan dan "
                "ekonomi kerakyatan.",
            ),
            (
                "paragraph",
                "Peserta dari DPRD, perangkat daerah dan unsur masyarakat memberi masukan terhadap "
                "urutan prioritas. Hasilnya menjadi bahan rancangan RKPD sebelum dibahas bersama anggaran.",
            ),
        ],
    ),
    Article(
        slug="ppdb-smp-online-2019",
        title="Pendaftaran Siswa Baru SMP Negeri Dibuka Secara Daring",
        date=d(2019, 6, 17),
        summary=(
            "Dinas Pendidikan membuka pendaftaran peserta didik baru SMP negeri melalui situs khusus "
            "dan menyiapkan posko bantuan bagi orang tua."
        ),
        agency="Disdik",
        categories=("pendidikan", "pelayanan-publik"),
        tags=("ppdb", "sekolah", "pendaftaran"),
        image="sekolah",
        caption="Orang tua mendaftarkan anaknya di posko bantuan PPDB (ilustrasi).",
        body=[
            (
                "paragraph",
                "Orang tua dapat mendaftarkan anak dari rumah dengan mengunggah dokumen yang "
                "diminta. Jalur zonasi, afirmasi dan prestasi dijelaskan lengkap pada halaman pendaftaran.",
            ),
            (
                "paragraph",
                "Bagi yang belum memiliki akses internet, setiap SMP negeri menyediakan posko bantuan "
                "dengan petugas yang siap membantu pengisian formulir.",
            ),
        ],
    ),
    Article(
        slug="siaga-banjir-musim-hujan-2019",
        title="BPBD Binjai Siagakan Posko Banjir di Kelurahan Rawan",
        date=d(2019, 11, 12),
        summary=(
            "Menghadapi puncak musim hujan, BPBD memetakan titik rawan genangan di sepanjang aliran "
            "sungai dan menyiapkan perahu serta tenda darurat."
        ),
        agency="BPBD",
        categories=("lingkungan", "pemerintahan"),
        tags=("banjir", "kesiapsiagaan", "bpbd"),
        image="sungai",
        caption="Simulasi evakuasi warga di bantaran sungai (ilustrasi).",
        body=[
            (
                "paragraph",
                "Badan Penanggulangan Bencana Daerah menggelar apel kesiapsiagaan dan simulasi "
                "evakuasi bersama relawan kelurahan. Peralatan seperti perahu karet, pelampung dan tenda diperiksa "
                "kelayakannya.",
            ),
            ("heading", "Yang perlu disiapkan warga"),
            (
                "paragraph",
                "<ul><li>Simpan dokumen penting dalam wadah kedap air.</li>"
                "<li>Kenali jalur evakuasi dan titik kumpul terdekat.</li>"
                "<li>Pantau informasi cuaca dan pengumuman resmi pemerintah kota.</li></ul>",
            ),
        ],
    ),
    Article(
        slug="posko-pencegahan-covid-19",
        title="Pemko Binjai Bentuk Posko dan Semprot Disinfektan di Fasilitas Umum",
        date=d(2020, 3, 24),
        summary=(
            "Sebagai langkah pencegahan penularan COVID-19, pemerintah kota menyemprotkan disinfektan "
            "di pasar, rumah ibadah dan kantor pelayanan."
        ),
        agency="BPBD",
        categories=("kesehatan", "pemerintahan"),
        tags=("covid-19", "pencegahan", "disinfektan"),
        image="kesehatan",
        caption="Petugas menyemprotkan disinfektan di fasilitas umum (ilustrasi).",
        body=[
            (
                "paragraph",
                "Gugus tugas kota membuka posko informasi yang dapat dihubungi warga. Penyemprotan "
                "disinfektan dilakukan bergiliran di fasilitas yang banyak dikunjungi masyarakat.",
            ),
            (
                "paragraph",
                "Warga diimbau mencuci tangan dengan sabun, menghindari kerumunan dan segera memeriksakan "
                "diri ke puskesmas bila mengalami gejala.",
            ),
        ],
    ),
    Article(
        slug="layanan-adminduk-daring-saat-pandemi",
        title="Selama Pandemi, Disdukcapil Layani Dokumen Kependudukan Secara Daring",
        date=d(2020, 6, 9),
        summary=(
            "Pengurusan akta kelahiran, kartu keluarga dan surat pindah dapat diajukan dari rumah untuk "
            "mengurangi antrean di kantor."
        ),
        agency="Disdukcapil",
        categories=("pelayanan-publik",),
        tags=("adminduk", "kependudukan", "layanan daring"),
        image="perizinan",
        caption="Petugas memverifikasi permohonan dokumen kependudukan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Pemohon mengirimkan formulir dan foto dokumen persyaratan. Dokumen yang sudah jadi "
                "dapat dicetak sendiri atau diambil di kantor sesuai jadwal yang diberikan.",
            ),
            (
                "quote",
                "Tidak perlu antre lagi. Akta kelahiran anak saya selesai dan saya cukup datang sekali.",
            ),
        ],
    ),
    Article(
        slug="guru-dilatih-pembelajaran-daring",
        title="Guru SD dan SMP Dilatih Mengelola Pembelajaran Daring",
        date=d(2020, 8, 25),
        summary=(
            "Dinas Pendidikan dan Diskominfo membekali guru dengan keterampilan membuat materi dan "
            "kelas virtual selama belajar dari rumah."
        ),
        agency="Disdik",
        categories=("pendidikan", "smart-city"),
        tags=("guru", "belajar dari rumah", "pelatihan"),
        image="sekolah",
        caption="Guru mengikuti pelatihan kelas virtual (ilustrasi).",
        body=[
            (
                "paragraph",
                "Pelatihan diberikan dalam beberapa gelombang dengan jumlah peserta terbatas. Guru "
                "belajar menyusun materi singkat, memberi tugas dan memantau kehadiran siswa secara daring.",
            ),
            (
                "paragraph",
                "Sekolah juga diminta menyiapkan alternatif bagi siswa yang kesulitan mengakses "
                "internet, misalnya lembar kerja yang diambil orang tua setiap pekan.",
            ),
        ],
    ),
    Article(
        slug="vaksinasi-lansia-di-puskesmas",
        title="Vaksinasi COVID-19 untuk Lansia Dibuka di Seluruh Puskesmas",
        date=d(2021, 3, 15),
        summary=(
            "Warga berusia lanjut dapat mendatangi puskesmas terdekat dengan membawa KTP; pendamping "
            "keluarga dianjurkan ikut hadir."
        ),
        agency="Dinkes",
        categories=("kesehatan",),
        tags=("vaksinasi", "lansia", "covid-19"),
        image="kesehatan",
        caption="Lansia menunggu giliran vaksinasi di puskesmas (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Kesehatan menjadwalkan vaksinasi lansia per kelurahan agar tidak terjadi "
                "penumpukan. Sebelum disuntik, setiap peserta menjalani pemeriksaan kesehatan sederhana.",
            ),
            (
                "paragraph",
                "Lansia yang sulit bepergian dapat didaftarkan keluarganya melalui kelurahan untuk "
                "dijadwalkan layanan jemput bola.",
            ),
        ],
    ),
    Article(
        slug="pameran-umkm-virtual-2021",
        title="Pameran UMKM Virtual Pertemukan Perajin Binjai dengan Pembeli",
        date=d(2021, 8, 20),
        summary=(
            "Pelaku usaha memamerkan produk melalui katalog daring dan siaran langsung, karena pameran "
            "tatap muka masih dibatasi."
        ),
        agency="Disperindag",
        categories=("ekonomi", "smart-city"),
        tags=("umkm", "pameran", "pemasaran digital"),
        image="umkm",
        caption="Pelaku usaha menyiapkan siaran langsung produknya (ilustrasi).",
        body=[
            (
                "paragraph",
                "Katalog memuat foto, harga dan kontak setiap pelaku usaha. Pembeli dapat memesan "
                "langsung kepada penjual, sementara dinas membantu promosi melalui kanal media sosial resmi.",
            ),
            ("heading", "Pendampingan foto produk"),
            (
                "paragraph",
                "Sebelum pameran, peserta mendapat pelatihan memotret produk dengan telepon genggam "
                "dan menulis deskripsi yang menarik.",
            ),
        ],
    ),
    Article(
        slug="ringkasan-apbd-2022-dipublikasikan",
        title="Ringkasan APBD 2022 Dapat Diakses Publik Lewat E-Budgeting",
        date=d(2021, 12, 6),
        summary=(
            "Setelah disahkan bersama DPRD, ringkasan anggaran menurut urusan dan perangkat daerah "
            "dipublikasikan agar warga dapat ikut mengawasi."
        ),
        agency="BPKPAD",
        categories=("pemerintahan", "smart-city"),
        tags=("apbd", "e-budgeting", "transparansi"),
        image="anggaran",
        caption="Ilustrasi ringkasan anggaran daerah.",
        body=[
            (
                "paragraph",
                "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah menampilkan ringkasan "
                "pendapatan, belanja dan pembiayaan dalam bentuk tabel dan grafik yang mudah dibaca.",
            ),
            (
                "paragraph",
                "Warga yang ingin memperoleh dokumen lebih rinci dapat mengajukan permohonan "
                "informasi publik kepada PPID Kota Binjai.",
            ),
            ("image", "anggaran", "Tampilan ringkasan APBD pada aplikasi e-budgeting (ilustrasi)."),
        ],
    ),
    Article(
        slug="penanaman-pohon-ruang-terbuka-hijau",
        title="Bibit Pohon Peneduh dan Pohon Buah Ditanam di Ruang Terbuka Hijau",
        date=d(2022, 2, 27),
        summary=(
            "DLH bersama sekolah dan komunitas menanam bibit pohon peneduh dan pohon buah di taman "
            "kota serta lahan milik pemerintah."
        ),
        agency="DLH",
        categories=("lingkungan",),
        tags=("penghijauan", "ruang terbuka hijau", "pohon"),
        image="taman",
        caption="Pelajar menanam bibit pohon di taman kota (ilustrasi).",
        body=[
            (
                "paragraph",
                "Bibit yang ditanam antara lain pohon peneduh dan pohon buah, termasuk rambutan yang "
                "lekat dengan julukan Binjai sebagai kota rambutan.",
            ),
            (
                "paragraph",
                "Setiap kelompok peserta diberi tanggung jawab merawat pohon yang ditanamnya, "
                "dibantu petugas taman.",
            ),
        ],
    ),
    Article(
        slug="normalisasi-drainase-pusat-kota",
        title="Normalisasi Drainase di Pusat Kota untuk Kurangi Genangan",
        date=d(2022, 5, 17),
        summary=(
            "Saluran yang tersumbat sedimen dan sampah dibersihkan serta diperlebar di beberapa titik "
            "yang kerap tergenang saat hujan deras."
        ),
        agency="PUPR",
        categories=("pembangunan", "lingkungan"),
        tags=("drainase", "genangan", "binjai kota"),
        image="jalan",
        caption="Pekerjaan normalisasi saluran di pusat kota (ilustrasi).",
        body=[
            (
                "paragraph",
                "Pekerjaan dilakukan pada malam hari di ruas yang ramai untuk mengurangi gangguan lalu "
                "lintas. Sedimen yang diangkat langsung dibawa keluar kota agar tidak kembali ke saluran.",
            ),
            (
                "paragraph",
                "Pemerintah kota mengingatkan warga untuk tidak membuang sampah ke parit, karena "
                "sumbatan kecil dapat membuat air meluap ke jalan.",
            ),
        ],
    ),
    Article(
        slug="digitalisasi-sekolah-smp-negeri",
        title="SMP Negeri di Binjai Dapat Jaringan Internet dan Ruang Kelas Digital",
        date=d(2022, 8, 30),
        summary=(
            "Program digitalisasi sekolah menghadirkan jaringan internet, proyektor dan perangkat "
            "belajar di sejumlah SMP negeri secara bertahap."
        ),
        agency="Disdik",
        categories=("pendidikan", "smart-city"),
        tags=("digitalisasi sekolah", "internet", "smp"),
        image="sekolah",
        caption="Siswa belajar di ruang kelas digital (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Pendidikan bekerja sama dengan Diskominfo memasang jaringan internet di "
                "sekolah yang belum terjangkau. Guru yang ditunjuk sebagai pengelola ruang kelas digital "
                "mendapat pelatihan perawatan perangkat.",
            ),
            (
                "quote",
                "Anak-anak jadi lebih semangat. Materi yang dulu hanya di buku sekarang bisa dilihat "
                "dalam bentuk video.",
            ),
            ("paragraph", "Sekolah lain akan menyusul sesuai ketersediaan anggaran tahun berikutnya."),
        ],
    ),
    Article(
        slug="konsultasi-perizinan-daring",
        title="DPMPTSP Buka Layanan Konsultasi Perizinan Melalui Panggilan Video",
        date=d(2022, 10, 13),
        summary=(
            "Pelaku usaha yang bingung soal persyaratan izin kini dapat berkonsultasi dengan petugas "
            "tanpa datang ke kantor."
        ),
        agency="DPMPTSP",
        categories=("pelayanan-publik", "ekonomi"),
        tags=("perizinan", "konsultasi", "investasi"),
        image="perizinan",
        caption="Petugas melayani konsultasi perizinan secara daring (ilustrasi).",
        body=[
            (
                "paragraph",
                "Jadwal konsultasi dipesan melalui e-appointment. Petugas menjelaskan jenis izin yang "
                "dibutuhkan, dokumen yang harus disiapkan dan perkiraan waktu penyelesaian.",
            ),
            ("paragraph", "Layanan tatap muka di loket tetap dibuka seperti biasa pada hari dan jam kerja."),
        ],
    ),
    Article(
        slug="tindak-lanjut-pengaduan-e-masyarakat",
        title="Sebagian Besar Aduan Warga Lewat E-Masyarakat Menyangkut Jalan dan Lampu",
        date=d(2023, 1, 18),
        summary=(
            "Diskominfo merangkum laporan warga sepanjang tahun lalu; keluhan soal jalan rusak, lampu "
            "penerangan dan sampah paling sering muncul."
        ),
        agency="Diskominfo",
        categories=("pelayanan-publik", "smart-city"),
        tags=("e-masyarakat", "pengaduan", "evaluasi"),
        image="smartcity",
        caption="Dasbor pemantauan pengaduan warga (ilustrasi).",
        body=[
            (
                "paragraph",
                "Rangkuman ini dibahas dalam rapat evaluasi bersama perangkat daerah. Setiap dinas "
                "diminta mempercepat tanggapan pertama kepada pelapor, walaupun penyelesaian di lapangan "
                "membutuhkan waktu lebih lama.",
            ),
            ("heading", "Tips membuat laporan yang mudah ditindaklanjuti"),
            (
                "paragraph",
                "<ol><li>Sertakan foto yang jelas.</li><li>Tandai lokasi di peta.</li>"
                "<li>Jelaskan masalah secara singkat dan sopan.</li></ol>",
            ),
        ],
    ),
    Article(
        slug="cegah-stunting-lewat-posyandu",
        title="Kader Posyandu Jadi Ujung Tombak Pencegahan Stunting",
        date=d(2023, 4, 5),
        summary=(
            "Penimbangan dan pengukuran balita setiap bulan dipadukan dengan penyuluhan gizi bagi ibu "
            "hamil dan orang tua."
        ),
        agency="Dinkes",
        categories=("kesehatan",),
        tags=("stunting", "posyandu", "gizi"),
        image="kesehatan",
        caption="Kader posyandu mengukur tinggi badan balita (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dinas Kesehatan memberikan pelatihan penyegaran kepada kader posyandu agar "
                "pengukuran lebih akurat. Data pertumbuhan balita dicatat dan dilaporkan ke puskesmas.",
            ),
            (
                "paragraph",
                "Balita yang pertumbuhannya perlu perhatian dirujuk ke puskesmas untuk pemeriksaan "
                "lanjutan dan pendampingan gizi.",
            ),
        ],
    ),
    Article(
        slug="ppid-perbarui-daftar-informasi-publik",
        title="PPID Kota Binjai Perbarui Daftar Informasi Publik",
        date=d(2023, 7, 10),
        summary=(
            "Daftar informasi yang wajib diumumkan secara berkala kini lebih lengkap dan dapat diunduh "
            "dari portal resmi pemerintah kota."
        ),
        agency="Diskominfo",
        categories=("pemerintahan", "pelayanan-publik"),
        tags=("ppid", "keterbukaan informasi"),
        image="anggaran",
        caption="Ilustrasi layanan informasi publik.",
        body=[
            (
                "paragraph",
                "Pejabat Pengelola Informasi dan Dokumentasi (PPID) bersama PPID pembantu di setiap "
                "perangkat daerah meninjau ulang dokumen yang wajib tersedia, seperti rencana kerja, laporan "
                "kinerja dan ringkasan anggaran.",
            ),
            (
                "paragraph",
                "Masyarakat dapat mengajukan permohonan informasi yang belum tersedia secara daring "
                "atau datang langsung ke meja layanan PPID.",
            ),
        ],
    ),
    Article(
        slug="pasar-murah-jelang-akhir-tahun",
        title="Pasar Murah Digelar di Lima Kecamatan Jelang Akhir Tahun",
        date=d(2023, 12, 4),
        summary=(
            "Beras, minyak goreng dan gula dijual dengan harga terjangkau untuk membantu warga "
            "menghadapi kenaikan harga musiman."
        ),
        agency="Disperindag",
        categories=("ekonomi",),
        tags=("pasar murah", "bahan pokok", "harga"),
        image="umkm",
        caption="Warga antre membeli bahan pokok di pasar murah (ilustrasi).",
        body=[
            (
                "paragraph",
                "Pasar murah berlangsung bergiliran di setiap kecamatan. Pembelian dibatasi per orang "
                "agar lebih banyak warga yang kebagian.",
            ),
            (
                "paragraph",
                "Dinas juga memantau harga di pasar tradisional setiap pekan dan melaporkannya kepada "
                "tim pengendali inflasi daerah.",
            ),
        ],
    ),
    Article(
        slug="musrenbang-kecamatan-binjai-utara-2024",
        title="Musrenbang Binjai Utara Prioritaskan Drainase dan Jalan Lingkungan",
        date=d(2024, 2, 6),
        summary=(
            "Perwakilan sembilan kelurahan di Binjai Utara menyepakati urutan usulan untuk rencana "
            "kerja tahun 2025."
        ),
        agency="Kec. Utara",
        categories=("pembangunan", "pemerintahan"),
        tags=("musrenbang", "binjai utara", "rkpd"),
        image="musrenbang",
        caption="Musyawarah perencanaan di kantor Camat Binjai Utara (ilustrasi).",
        body=[
            (
                "paragraph",
                "Camat Binjai Utara membuka musrenbang dengan mengingatkan agar usulan disusun "
                "berdasarkan kebutuhan yang paling mendesak. Perbaikan drainase dan jalan lingkungan menempati "
                "urutan teratas.",
            ),
            (
                "paragraph",
                "Kelompok perempuan dan pemuda juga menyampaikan usulan pelatihan keterampilan dan "
                "kegiatan olahraga. Semua usulan dicatat dalam e-musrenbang untuk dibahas di tingkat kota.",
            ),
        ],
    ),
    Article(
        slug="lampu-penerangan-jalan-hemat-energi",
        title="Lampu Jalan Hemat Energi Dipasang di Ruas Utama",
        date=d(2024, 6, 20),
        summary=(
            "Dinas Perhubungan mengganti lampu penerangan jalan lama dengan lampu LED yang dapat "
            "dipantau dari jarak jauh."
        ),
        agency="Dishub",
        categories=("pembangunan", "smart-city"),
        tags=("penerangan jalan", "led", "hemat energi"),
        image="jalan",
        caption="Pemasangan lampu penerangan jalan LED (ilustrasi).",
        body=[
            (
                "paragraph",
                "Lampu baru dilengkapi sensor sehingga petugas dapat mengetahui lampu yang padam "
                "tanpa harus menunggu laporan. Penggantian dilakukan bertahap mulai dari ruas yang padat.",
            ),
            ("paragraph", "Warga tetap dapat melaporkan lampu yang mati melalui e-masyarakat."),
        ],
    ),
    Article(
        slug="literasi-digital-pelajar-lawan-hoaks",
        title="Pelajar Binjai Belajar Mengenali Hoaks di Media Sosial",
        date=d(2024, 9, 24),
        summary=(
            "Diskominfo menggelar kelas literasi digital di sekolah menengah tentang cara memeriksa "
            "kebenaran informasi dan menjaga data pribadi."
        ),
        agency="Diskominfo",
        categories=("pendidikan",),
        tags=("literasi digital", "hoaks", "pelajar"),
        image="sekolah",
        caption="Kelas literasi digital di sekolah (ilustrasi).",
        body=[
            (
                "paragraph",
                "Siswa diajak menelusuri sumber berita, memeriksa tanggal unggahan dan membandingkan "
                "informasi dari beberapa media. Materi juga membahas kata sandi yang aman.",
            ),
            ("quote", "Sebelum membagikan, periksa dulu. Satu kali klik bisa merugikan orang lain."),
        ],
    ),
    Article(
        slug="apel-siaga-banjir-2024",
        title="Apel Siaga Bencana Hidrometeorologi Digelar Jelang Puncak Hujan",
        date=d(2024, 11, 28),
        summary=(
            "BPBD, Satpol PP dan relawan memeriksa kesiapan personel serta peralatan menghadapi "
            "potensi banjir dan pohon tumbang."
        ),
        agency="BPBD",
        categories=("lingkungan",),
        tags=("banjir", "kesiapsiagaan", "relawan"),
        image="sungai",
        caption="Apel siaga bencana di halaman kantor wali kota (ilustrasi).",
        body=[
            (
                "paragraph",
                "Apel diikuti unsur pemerintah kota, TNI, Polri dan relawan. Setelah apel, tim "
                "memeriksa pompa air, gergaji mesin dan perahu karet di gudang logistik.",
            ),
            (
                "paragraph",
                "Warga dapat melaporkan kejadian darurat melalui nomor panggilan darurat dan kanal "
                "pengaduan resmi pemerintah kota.",
            ),
        ],
    ),
    Article(
        slug="dasbor-data-kelurahan",
        title="Dasbor Data Kelurahan Bantu Perencanaan Berbasis Bukti",
        date=d(2025, 3, 12),
        summary=(
            "Diskominfo dan Bappeda menyiapkan dasbor yang menghimpun data dasar setiap kelurahan "
            "untuk mendukung perencanaan pembangunan."
        ),
        agency="Diskominfo",
        categories=("smart-city", "pembangunan"),
        tags=("satu data", "dasbor", "kelurahan"),
        image="smartcity",
        caption="Tampilan dasbor data kelurahan (ilustrasi).",
        body=[
            (
                "paragraph",
                "Dasbor menampilkan data yang sudah tersedia di perangkat daerah, seperti sarana "
                "pendidikan, kesehatan dan infrastruktur, sehingga tidak perlu dikumpulkan berulang kali.",
            ),
            (
                "paragraph",
                "Lurah dan camat mendapat akses untuk memeriksa dan memperbarui data wilayahnya "
                "masing-masing.",
            ),
            ("image", "rapat", "Koordinasi satu data bersama perangkat daerah (ilustrasi)."),
        ],
    ),
    Article(
        slug="cek-kesehatan-gratis-di-puskesmas",
        title="Warga Binjai Manfaatkan Pemeriksaan Kesehatan Gratis di Puskesmas",
        date=d(2025, 7, 8),
        summary=(
            "Puskesmas membuka jadwal pemeriksaan kesehatan gratis, mulai dari tekanan darah hingga "
            "gula darah, dengan pendaftaran lebih dulu."
        ),
        agency="Dinkes",
        categories=("kesehatan", "pelayanan-publik"),
        tags=("puskesmas", "pemeriksaan kesehatan"),
        image="kesehatan",
        caption="Pemeriksaan tekanan darah di puskesmas (ilustrasi).",
        body=[
            (
                "paragraph",
                "Warga yang ingin diperiksa dapat mendaftar terlebih dahulu agar waktu tunggu lebih "
                "singkat. Hasil pemeriksaan dijelaskan langsung oleh tenaga kesehatan.",
            ),
            (
                "paragraph",
                "Peserta dengan hasil yang memerlukan tindak lanjut diarahkan ke layanan rujukan "
                "sesuai kebutuhan.",
            ),
        ],
    ),
    Article(
        slug="pelatihan-umkm-pembayaran-digital",
        title="Pelaku UMKM Dilatih Gunakan Pembayaran Digital dan Pencatatan Keuangan",
        date=d(2025, 10, 15),
        summary=(
            "Pelatihan membantu pedagang kecil menerima pembayaran nontunai dan memisahkan uang usaha "
            "dari uang pribadi."
        ),
        agency="Disperindag",
        categories=("ekonomi",),
        tags=("umkm", "pembayaran digital", "pelatihan"),
        image="umkm",
        caption="Pedagang mencoba pembayaran dengan kode QR (ilustrasi).",
        body=[
            (
                "paragraph",
                "Peserta berasal dari pedagang pasar dan usaha rumahan di lima kecamatan. Mereka "
                "belajar mendaftarkan kode pembayaran, memeriksa transaksi masuk dan mewaspadai bukti transfer "
                "palsu.",
            ),
            (
                "paragraph",
                "Sesi kedua membahas pencatatan keuangan sederhana menggunakan aplikasi di telepon genggam.",
            ),
        ],
    ),
    Article(
        slug="ringkasan-apbd-2026-terbit",
        title="Ringkasan APBD 2026 Terbit, Warga Diajak Ikut Mengawasi",
        date=d(2026, 1, 9),
        summary=(
            "Pemerintah kota kembali mempublikasikan ringkasan anggaran tahun berjalan dalam format yang "
            "mudah dibaca di portal resmi."
        ),
        agency="BPKPAD",
        categories=("pemerintahan",),
        tags=("apbd", "transparansi", "e-budgeting"),
        image="anggaran",
        caption="Ilustrasi ringkasan APBD tahun berjalan.",
        body=[
            (
                "paragraph",
                "Ringkasan memuat pendapatan, belanja per urusan dan daftar kegiatan prioritas. Warga "
                "dapat memberikan tanggapan melalui kanal e-masyarakat.",
            ),
            ("paragraph", "Dokumen lengkap tersedia melalui layanan informasi publik PPID."),
        ],
    ),
    Article(
        slug="pelayanan-terpadu-kecamatan",
        title="Kantor Camat Binjai Barat Sediakan Meja Layanan Terpadu",
        date=d(2026, 4, 21),
        summary=(
            "Warga dapat mengurus surat keterangan dan berkonsultasi soal layanan kependudukan di satu "
            "meja di kantor camat."
        ),
        agency="Kec. Barat",
        categories=("pelayanan-publik",),
        tags=("kecamatan", "binjai barat", "pelayanan"),
        image="kantor",
        caption="Meja layanan terpadu di kantor camat (ilustrasi).",
        body=[
            (
                "paragraph",
                "Meja layanan terpadu melayani pengantar surat, legalisasi dan informasi layanan "
                "perangkat daerah lain. Petugas membantu warga yang belum terbiasa dengan aplikasi daring.",
            ),
            ("paragraph", "Jam layanan mengikuti jam kerja kantor camat."),
        ],
    ),
    Article(
        slug="sepuluh-tahun-binjai-smart-city",
        title="Menjelang Satu Dasawarsa Binjai Smart City, Layanan Daring Terus Dibenahi",
        date=d(2026, 10, 27),
        summary=(
            "Hampir sepuluh tahun sejak aplikasi e-government pertama diluncurkan, pemerintah kota "
            "menyiapkan pembaruan portal dan integrasi layanan."
        ),
        agency="Diskominfo",
        categories=("smart-city", "pemerintahan"),
        tags=("smart city", "e-government", "portal"),
        image="smartcity",
        caption="Ilustrasi perjalanan Binjai Smart City.",
        body=[
            (
                "paragraph",
                "Sejak Desember 2016, aplikasi pengaduan, janji temu, perizinan, musrenbang dan "
                "penganggaran menjadi bagian dari pelayanan sehari-hari. Kini pemerintah kota menyatukan akses "
                "layanan tersebut di portal resmi yang baru.",
            ),
            ("heading", "Fokus pada kemudahan warga"),
            (
                "paragraph",
                "Pembaruan diarahkan agar warga cukup mengingat satu alamat, dapat memantau status "
                "permohonan, dan menerima informasi dalam bahasa yang mudah dipahami.",
            ),
            ("quote", "Teknologi hanyalah alat. Ukurannya tetap satu: apakah warga terlayani lebih baik."),
        ],
    ),
]
