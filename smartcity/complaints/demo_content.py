"""Texts for the demo complaints that ``seed_demo`` creates (see ``smartcity.complaints.demo``).

Everything here is invented: places are real Binjai streets and landmarks so the demo reads like
the city, but the reporters, their contacts and their stories are fake (e-mails at example.com).
Placeholders in the templates: ``{jalan}`` a street, ``{tempat}`` a landmark, ``{kel}`` the
kelurahan, ``{lama}`` how long the problem has lasted, ``{sekolah}``/``{puskesmas}`` a school or
health centre.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Staff accounts for the complaint desk --------------------------------------------------


@dataclass(frozen=True)
class DeskUser:
    username: str
    first_name: str
    last_name: str
    position: str
    agency: str  # short name of the agency the account works for


SUPERVISOR = DeskUser("pengaduan", "Desi", "Tarigan", "Pengelola Pengaduan e-masyarakat", "Diskominfo")

# One officer for every agency that receives complaints by default (migration 0002's categories).
OFFICERS = [
    DeskUser("petugas.pupr", "Rudi", "Sembiring", "Pengawas Jalan dan Jembatan", "PUPR"),
    DeskUser("petugas.dlh", "Lina", "Purba", "Pengawas Kebersihan", "DLH"),
    DeskUser("petugas.dishub", "Hotman", "Simanjuntak", "Petugas Lalu Lintas", "Dishub"),
    DeskUser("petugas.dinkes", "dr. Maya", "Lubis", "Pengelola Layanan Puskesmas", "Dinkes"),
    DeskUser("petugas.disdukcapil", "Fauzi", "Nasution", "Petugas Pelayanan Dokumen", "Disdukcapil"),
    DeskUser("petugas.disdik", "Ratna", "Siregar", "Pengawas Sekolah", "Disdik"),
    DeskUser("petugas.satpolpp", "Bonar", "Manurung", "Kepala Regu Ketertiban", "Satpol PP"),
    DeskUser("petugas.dinsos", "Yanti", "Ginting", "Pendamping Sosial", "Dinsos"),
    DeskUser("petugas.dpmptsp", "Irfan", "Hasibuan", "Petugas Front Office Perizinan", "DPMPTSP"),
    DeskUser("petugas.kominfo", "Agus", "Pratama", "Pengelola Layanan Aduan", "Diskominfo"),
]

# --- Places ------------------------------------------------------------------------------------

STREETS = [
    "Jl. Soekarno-Hatta",
    "Jl. Gatot Subroto",
    "Jl. Jenderal Sudirman",
    "Jl. Ahmad Yani",
    "Jl. Imam Bonjol",
    "Jl. Diponegoro",
    "Jl. T. Amir Hamzah",
    "Jl. Samanhudi",
    "Jl. Veteran",
    "Jl. Perintis Kemerdekaan",
    "Jl. Sultan Hasanuddin",
    "Jl. Kartini",
    "Jl. Cut Nyak Dhien",
    "Jl. Dr. Wahidin",
    "Jl. Sutomo",
    "Jl. Padang",
    "Jl. Danau Singkarak",
    "Jl. Ikan Paus",
    "Jl. Megawati",
    "Jl. Bejo Mulyo",
]

LANDMARKS = [
    "Pasar Tavip",
    "Pasar Kebun Lada",
    "Lapangan Merdeka",
    "Stasiun Kereta Api Binjai",
    "Terminal Binjai",
    "RSUD Dr. R.M. Djoelham",
    "Masjid Agung Binjai",
    "Binjai Supermall",
    "Kantor Wali Kota Binjai",
    "Tugu Perjuangan",
    "jembatan Sungai Bingai",
    "jembatan Sungai Mencirim",
    "simpang Tugu Durian",
    "Gereja HKBP Binjai Kota",
    "SMA Negeri 1 Binjai",
]

SCHOOLS = [
    "SD Negeri 020254",
    "SD Negeri 027143",
    "SMP Negeri 1 Binjai",
    "SMP Negeri 6 Binjai",
    "SMA Negeri 2 Binjai",
]
HEALTH_CENTRES = [
    "Tanah Tinggi",
    "Kebun Lada",
    "Binjai Estate",
    "Rambung",
    "Satria",
    "Jati Makmur",
    "Sentosa Baru",
]
DURATIONS = ["tiga hari", "seminggu", "dua minggu", "hampir sebulan", "lebih dari sebulan", "dua bulan"]

# Rough centre (latitude, longitude) of each kecamatan; demo map points scatter around it.
KECAMATAN_CENTRES = {
    "Binjai Kota": (3.6005, 98.4870),
    "Binjai Utara": (3.6290, 98.4900),
    "Binjai Selatan": (3.5720, 98.4840),
    "Binjai Timur": (3.6010, 98.5120),
    "Binjai Barat": (3.6060, 98.4640),
}

OPENINGS = [
    "",
    "",
    "",
    "Selamat pagi Bapak/Ibu. ",
    "Assalamualaikum. ",
    "Yth. Pemko Binjai, ",
    "Mohon izin melapor. ",
]
CLOSINGS = [
    "",
    " Mohon segera ditindaklanjuti.",
    " Terima kasih.",
    " Mohon perhatiannya, terima kasih.",
    " Kami warga sangat berharap ada perbaikan.",
]

# --- Complaint templates --------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """One believable complaint: a category, title variants, a description and how it ends."""

    category: str  # slug from complaints migration 0002
    titles: tuple[str, ...]
    description: str
    resolutions: tuple[str, ...]
    kind: str = "pengaduan"
    progress: tuple[str, ...] = field(default_factory=tuple)


TEMPLATES = [
    # Jalan dan trotoar
    Template(
        "jalan-rusak",
        ("Jalan berlubang di {jalan}", "Lubang besar di {jalan} membahayakan pengendara"),
        "Di {jalan} dekat {tempat}, Kelurahan {kel}, ada lubang cukup dalam di tengah jalan. Sudah {lama} "
        "tidak diperbaiki dan saat hujan tergenang air sehingga tidak terlihat. Beberapa pengendara sepeda "
        "motor sudah terjatuh.",
        (
            "Lubang di lokasi telah ditambal dengan aspal hotmix oleh tim UPT Jalan Dinas PUPR.",
            "Perbaikan jalan sepanjang kurang lebih 20 meter telah selesai dikerjakan.",
        ),
        progress=("Tim UPT Jalan sudah meninjau lokasi; penambalan dijadwalkan minggu ini.",),
    ),
    Template(
        "jalan-rusak",
        ("Aspal mengelupas sepanjang {jalan}", "Jalan rusak parah di {jalan}"),
        "Aspal di {jalan} mulai dari {tempat} sampai simpang berikutnya sudah mengelupas dan berbatu. "
        "Kalau hujan becek, kalau panas berdebu. Kondisi ini sudah {lama} dan dilalui anak sekolah "
        "setiap hari.",
        (
            "Ruas jalan telah dilapis ulang (overlay) sesuai jadwal pemeliharaan rutin.",
            "Perbaikan sementara telah dilakukan; pengaspalan ulang masuk rencana kegiatan tahun depan.",
        ),
        progress=("Ruas ini sudah kami ukur dan masuk daftar pemeliharaan berkala.",),
    ),
    Template(
        "jalan-rusak",
        ("Trotoar rusak di depan {tempat}", "Trotoar ambles di {jalan}"),
        "Trotoar di {jalan} depan {tempat} ambles dan keramiknya pecah. Pejalan kaki, terutama orang tua, "
        "terpaksa berjalan di badan jalan.",
        ("Trotoar telah diperbaiki dan dipasang kembali paving block yang baru.",),
    ),
    Template(
        "jalan-rusak",
        ("Jembatan kecil di {jalan} retak", "Pagar jembatan di Kelurahan {kel} patah"),
        "Jembatan kecil di {jalan}, Kelurahan {kel}, retak di bagian tepinya dan pagar pengamannya patah. "
        "Kami khawatir membahayakan anak-anak yang lewat.",
        ("Pagar pengaman jembatan sudah diganti dan retakan ditutup. Struktur jembatan dinyatakan aman.",),
        progress=("Tim teknis sudah memeriksa struktur jembatan; perbaikan menunggu material.",),
    ),
    Template(
        "jalan-rusak",
        ("Jalan gang di Kelurahan {kel} belum diaspal", "Jalan lingkungan berlumpur di {kel}"),
        "Jalan lingkungan di Gang Melati, Kelurahan {kel}, masih tanah dan batu. Setiap hujan berlumpur "
        "dan sulit dilalui becak maupun sepeda motor.",
        (
            "Jalan lingkungan ini telah dimasukkan ke usulan Musrenbang kelurahan dan akan dikerjakan "
            "dengan anggaran tahun berjalan; sementara telah ditimbun sirtu.",
        ),
    ),
    # Drainase
    Template(
        "drainase",
        ("Parit tersumbat sampah di {jalan}", "Drainase tersumbat di dekat {tempat}"),
        "Parit di sepanjang {jalan} dekat {tempat} tersumbat sampah dan lumpur. Air tidak mengalir dan "
        "baunya menyengat, banyak nyamuk.",
        ("Parit telah dinormalisasi dan sedimen diangkut oleh tim drainase.",),
        progress=("Jadwal normalisasi parit di lokasi sudah kami tetapkan.",),
    ),
    Template(
        "drainase",
        ("Banjir setiap hujan di Kelurahan {kel}", "Genangan air di {jalan} tidak surut"),
        "Setiap hujan deras, {jalan} di Kelurahan {kel} tergenang setinggi lutut dan air masuk ke rumah "
        "warga. Sudah {lama} seperti ini.",
        (
            "Saluran pembuang telah diperlebar dan gorong-gorong dibersihkan; genangan kini cepat surut.",
            "Pompa sementara dipasang dan pembangunan saluran baru dijadwalkan.",
        ),
    ),
    Template(
        "drainase",
        ("Gorong-gorong ambruk di {jalan}", "Tutup parit hilang di trotoar {jalan}"),
        "Gorong-gorong di {jalan} ambruk sehingga ada lubang terbuka di pinggir jalan dekat {tempat}. "
        "Sudah ada pengendara yang terperosok.",
        ("Gorong-gorong telah diganti dengan box culvert baru dan lubang ditutup.",),
    ),
    Template(
        "drainase",
        ("Air parit meluap ke rumah warga di {kel}",),
        "Parit di lingkungan kami di Kelurahan {kel} terlalu kecil, air meluap ke pekarangan rumah setiap "
        "hujan. Mohon ditinjau dan diperbesar.",
        ("Parit telah ditinggikan dan dibersihkan; pembesaran saluran diusulkan untuk tahun depan.",),
    ),
    # Sampah
    Template(
        "sampah",
        ("Sampah tidak diangkut sudah {lama}", "Sampah rumah tangga di {kel} tidak diangkut"),
        "Sampah di lingkungan kami di {jalan}, Kelurahan {kel}, sudah {lama} tidak diangkut. Tong sampah "
        "penuh dan mulai berserakan ke jalan.",
        (
            "Sampah telah diangkut dan jadwal truk di lingkungan ini dikembalikan ke dua kali seminggu.",
            "Petugas kebersihan telah mengangkut sampah; rute truk diperbaiki.",
        ),
    ),
    Template(
        "sampah",
        ("TPS liar di pinggir {jalan}", "Tumpukan sampah liar di {jalan}"),
        "Ada tempat pembuangan sampah liar di pinggir {jalan} dekat {tempat}. Warga dari luar lingkungan "
        "membuang sampah di sana pada malam hari.",
        (
            "Tumpukan sampah telah dibersihkan dan dipasang papan larangan membuang sampah.",
            "Lokasi telah dibersihkan; patroli bersama Satpol PP dilakukan pada malam hari.",
        ),
    ),
    Template(
        "sampah",
        ("Sampah menumpuk di sekitar {tempat}", "Kebersihan di sekitar Pasar Tavip"),
        "Sampah sayur dan plastik menumpuk di sekitar {tempat} dan menutup sebagian jalan. Baunya sampai "
        "ke rumah warga di {jalan}.",
        ("Sampah telah diangkut; jadwal pengangkutan di kawasan pasar ditambah menjadi setiap hari.",),
    ),
    Template(
        "sampah",
        ("Pembakaran sampah menimbulkan asap di {kel}",),
        "Setiap sore ada warga yang membakar sampah di lahan kosong di {jalan}, Kelurahan {kel}. Asapnya "
        "masuk ke rumah dan mengganggu anak kami yang sakit asma.",
        ("Petugas telah memberikan teguran dan sosialisasi; lahan dibersihkan dan diawasi kelurahan.",),
    ),
    Template(
        "sampah",
        ("Jadwal angkut sampah di {kel} tidak teratur",),
        "Jadwal pengangkutan sampah di Kelurahan {kel} tidak teratur, kadang seminggu sekali, kadang dua "
        "minggu. Mohon kepastian jadwal.",
        ("Jadwal pengangkutan telah ditetapkan setiap Senin dan Kamis dan diumumkan melalui kelurahan.",),
    ),
    # Lampu jalan
    Template(
        "lampu-jalan",
        ("Lampu jalan padam di {jalan}", "Penerangan jalan mati di dekat {tempat}"),
        "Lampu penerangan jalan di {jalan} dekat {tempat} sudah {lama} padam. Jalan gelap gulita di malam "
        "hari dan rawan kejahatan.",
        ("Lampu telah diganti dengan lampu LED baru dan menyala kembali.",),
        progress=("Petugas PJU sudah mendata titik lampu yang padam; penggantian dijadwalkan.",),
    ),
    Template(
        "lampu-jalan",
        ("Tiang lampu jalan miring di {jalan}",),
        "Tiang lampu jalan di {jalan}, Kelurahan {kel}, miring setelah tertabrak truk dan hampir roboh ke "
        "arah rumah warga.",
        ("Tiang lampu telah ditegakkan kembali dan pondasinya diperkuat.",),
    ),
    Template(
        "lampu-jalan",
        ("Lampu jalan menyala siang hari di {jalan}",),
        "Lampu jalan di {jalan} menyala terus sampai siang hari. Sayang listriknya terbuang.",
        ("Sensor cahaya (photocell) pada panel lampu telah diganti.",),
    ),
    # Lalu lintas dan parkir
    Template(
        "lalu-lintas",
        ("Lampu lalu lintas di simpang {jalan} mati",),
        "Traffic light di simpang {jalan} dekat {tempat} mati sejak {lama}. Pada jam sibuk kendaraan saling "
        "serobot dan hampir terjadi tabrakan.",
        ("Kontroler lampu lalu lintas telah diperbaiki dan berfungsi normal kembali.",),
        progress=("Petugas Dishub ditempatkan di simpang sambil menunggu suku cadang kontroler.",),
    ),
    Template(
        "lalu-lintas",
        ("Parkir liar di badan jalan depan {tempat}", "Parkir sembarangan di {jalan}"),
        "Kendaraan parkir di badan jalan depan {tempat} di {jalan} sehingga jalan menyempit dan macet "
        "terutama sore hari.",
        ("Penertiban parkir telah dilakukan bersama Satpol PP; rambu larangan parkir dipasang.",),
    ),
    Template(
        "lalu-lintas",
        ("Rambu lalu lintas hilang di {jalan}", "Rambu tertutup pohon di {jalan}"),
        "Rambu dilarang masuk di {jalan} hilang, sebagian lagi tertutup dahan pohon. Banyak pengendara dari "
        "luar kota tidak tahu jalan satu arah.",
        ("Rambu baru telah dipasang dan dahan pohon yang menutupi dipangkas.",),
    ),
    Template(
        "lalu-lintas",
        ("Juru parkir meminta tarif berlebihan di {tempat}",),
        "Juru parkir di {tempat} meminta Rp5.000 untuk sepeda motor tanpa karcis, padahal tarif resmi jauh "
        "lebih murah.",
        ("Juru parkir yang bersangkutan telah dibina dan diwajibkan memberikan karcis resmi.",),
    ),
    # Administrasi kependudukan
    Template(
        "adminduk",
        ("KTP-el belum selesai dicetak", "Pencetakan KTP-el sudah {lama}"),
        "Saya sudah merekam KTP-el di Disdukcapil sejak {lama} yang lalu tetapi sampai sekarang belum "
        "dicetak dengan alasan blangko habis.",
        ("KTP-el pelapor telah dicetak dan dapat diambil di kantor Disdukcapil dengan membawa bukti rekam.",),
    ),
    Template(
        "adminduk",
        ("Antrean panjang di kantor Disdukcapil",),
        "Antrean di kantor Disdukcapil sangat panjang, saya datang jam 07.30 dan baru dilayani siang. Mohon "
        "ditambah loket atau sistem antrean online.",
        ("Loket tambahan telah dibuka dan antrean online dapat diambil melalui aplikasi sejak pukul 06.00.",),
    ),
    Template(
        "adminduk",
        ("Permohonan akta kelahiran online belum diproses",),
        "Saya mengajukan akta kelahiran anak secara online {lama} yang lalu, status masih 'diajukan'.",
        ("Akta kelahiran telah terbit dan dikirim dalam bentuk dokumen elektronik ke e-mail pelapor.",),
    ),
    # Kesehatan
    Template(
        "kesehatan",
        ("Pelayanan lambat di Puskesmas {puskesmas}",),
        "Pelayanan di Puskesmas {puskesmas} sangat lambat, petugas pendaftaran baru datang pukul 09.00.",
        ("Kepala Puskesmas telah membina petugas; jam layanan pendaftaran dimulai tepat pukul 08.00.",),
    ),
    Template(
        "kesehatan",
        ("Obat kosong di Puskesmas {puskesmas}",),
        "Sudah dua kali kontrol ke Puskesmas {puskesmas}, obat hipertensi selalu kosong dan kami disuruh "
        "membeli di apotek.",
        ("Stok obat telah dipenuhi dari gudang farmasi kota.",),
    ),
    Template(
        "kesehatan",
        ("Mohon fogging di Kelurahan {kel}", "Banyak kasus DBD di lingkungan {kel}"),
        "Di lingkungan kami di Kelurahan {kel} sudah tiga anak dirawat karena demam berdarah bulan ini. "
        "Mohon dilakukan fogging dan pemeriksaan jentik.",
        ("Penyelidikan epidemiologi dan fogging fokus telah dilakukan, disertai gerakan PSN bersama warga.",),
        progress=("Tim surveilans Puskesmas sudah melakukan pemeriksaan jentik di lokasi.",),
    ),
    # Pendidikan
    Template(
        "pendidikan",
        ("Pungutan uang di {sekolah}",),
        "Orang tua murid di {sekolah} diminta membayar uang pembangunan, padahal sekolah negeri. Mohon "
        "kejelasan.",
        ("Dinas Pendidikan telah memanggil kepala sekolah; pungutan dihentikan dan dana dikembalikan.",),
    ),
    Template(
        "pendidikan",
        ("Atap ruang kelas {sekolah} bocor",),
        "Atap dua ruang kelas di {sekolah} bocor parah. Saat hujan murid harus pindah ke musala.",
        ("Atap ruang kelas telah diperbaiki melalui dana pemeliharaan sekolah.",),
    ),
    Template(
        "pendidikan",
        ("Informasi PPDB zonasi tidak jelas",),
        "Informasi PPDB jalur zonasi untuk SMP negeri di Binjai membingungkan; peta zonasi tidak bisa "
        "dibuka.",
        ("Peta zonasi telah diperbaiki dan posko pengaduan PPDB dibuka di kantor Dinas Pendidikan.",),
    ),
    # Ketertiban umum
    Template(
        "ketertiban",
        ("Pedagang berjualan di badan jalan {jalan}", "Lapak pedagang menutup trotoar di {tempat}"),
        "Pedagang kaki lima berjualan di badan jalan {jalan} dekat {tempat}. Jalan menyempit dan macet.",
        ("Satpol PP telah menertibkan dan mengarahkan pedagang ke lokasi relokasi yang disediakan.",),
    ),
    Template(
        "ketertiban",
        ("Suara bising tempat hiburan malam di {jalan}",),
        "Tempat hiburan di {jalan} memutar musik keras sampai pukul 02.00 setiap malam. Warga sekitar "
        "tidak bisa beristirahat.",
        ("Pengelola telah diberi surat teguran dan wajib menutup usaha pukul 24.00.",),
    ),
    Template(
        "ketertiban",
        ("Bangunan liar di bantaran Sungai Bingai",),
        "Ada bangunan baru di bantaran Sungai Bingai di Kelurahan {kel} yang menyempitkan aliran sungai.",
        ("Pemilik bangunan telah diberi surat peringatan dan bangunan dibongkar secara sukarela.",),
    ),
    # Bantuan sosial
    Template(
        "bantuan-sosial",
        ("Bantuan sosial tidak tepat sasaran di {kel}",),
        "Di lingkungan kami di Kelurahan {kel}, ada penerima bantuan sosial yang tergolong mampu, sementara "
        "tetangga yang benar-benar miskin tidak terdaftar.",
        ("Data penerima telah diverifikasi ulang bersama kelurahan dan diusulkan pemutakhiran DTKS.",),
    ),
    Template(
        "bantuan-sosial",
        ("Lansia belum menerima bantuan",),
        "Orang tua saya berusia 78 tahun di Kelurahan {kel}, tinggal sendiri dan belum pernah menerima "
        "bantuan apa pun. Mohon didata.",
        ("Pendamping sosial telah mengunjungi dan mendaftarkan yang bersangkutan sebagai penerima bantuan.",),
    ),
    # Perizinan
    Template(
        "perizinan",
        ("Permohonan PBG lama diproses", "Izin usaha belum terbit"),
        "Permohonan persetujuan bangunan gedung (PBG) saya untuk ruko di {jalan} sudah {lama} belum ada "
        "kabar, padahal berkas sudah lengkap.",
        ("Permohonan telah diproses dan dokumen izin dapat diunduh melalui sistem perizinan.",),
    ),
    Template(
        "perizinan",
        ("Persyaratan izin di website tidak jelas",),
        "Daftar persyaratan izin usaha mikro di website berbeda dengan yang diminta petugas di loket.",
        ("Daftar persyaratan di website telah diperbarui dan disamakan dengan standar pelayanan.",),
    ),
    # Lainnya dan aspirasi
    Template(
        "lainnya",
        ("Usulan taman bermain anak di Kelurahan {kel}",),
        "Kami mengusulkan lahan kosong milik pemerintah di Kelurahan {kel} dijadikan taman bermain anak dan "
        "ruang terbuka hijau.",
        ("Usulan telah diteruskan ke Bappeda dan dicatat dalam Musrenbang kecamatan.",),
        kind="aspirasi",
    ),
    Template(
        "lainnya",
        ("Usulan CCTV di simpang {jalan}",),
        "Sering terjadi jambret di simpang {jalan} dekat {tempat}. Kami mengusulkan pemasangan CCTV yang "
        "terhubung ke command center.",
        ("Lokasi telah dimasukkan ke rencana perluasan jaringan CCTV kota.",),
        kind="aspirasi",
    ),
    Template(
        "lainnya",
        ("Wi-Fi publik di {tempat} tidak berfungsi",),
        "Wi-Fi gratis Pemko di {tempat} sudah {lama} tidak bisa tersambung.",
        ("Perangkat access point telah diganti dan layanan Wi-Fi publik normal kembali.",),
    ),
    Template(
        "lainnya",
        ("Saran jalur sepeda di {jalan}",),
        "Saya mengusulkan jalur sepeda di {jalan} agar warga lebih aman bersepeda ke sekolah dan kantor.",
        ("Terima kasih atas sarannya; usulan dicatat untuk kajian penataan ruas jalan.",),
        kind="aspirasi",
    ),
]

# Outside the city government's responsibility (rejected as out of scope).
OUT_OF_SCOPE = [
    (
        "jalan-rusak",
        "Jalan lintas Sumatera rusak di Jl. Soekarno-Hatta",
        "Jalan nasional di Jl. Soekarno-Hatta arah Medan banyak lubang dekat {tempat}.",
        "Ruas Jl. Soekarno-Hatta merupakan jalan nasional yang menjadi kewenangan Balai Besar Pelaksanaan "
        "Jalan Nasional Sumatera Utara. Laporan Anda telah kami teruskan ke instansi tersebut.",
    ),
    (
        "lainnya",
        "Listrik sering padam di Kelurahan {kel}",
        "Listrik PLN di Kelurahan {kel} padam hampir setiap malam selama seminggu terakhir.",
        "Jaringan listrik dikelola PLN. Silakan melapor melalui layanan pengaduan PLN; laporan Anda juga "
        "telah kami sampaikan ke PLN UP3 Binjai.",
    ),
    (
        "lainnya",
        "Sertifikat tanah belum selesai",
        "Pengurusan sertifikat tanah saya di Kelurahan {kel} sudah setahun belum selesai.",
        "Pendaftaran tanah adalah kewenangan Kantor Pertanahan (BPN) Kota Binjai. Silakan menghubungi "
        "kantor tersebut dengan membawa bukti pendaftaran.",
    ),
    (
        "kesehatan",
        "Klaim BPJS ditolak rumah sakit swasta",
        "Rumah sakit swasta menolak klaim BPJS Kesehatan ayah saya.",
        "Penjaminan BPJS Kesehatan ditangani oleh BPJS Kesehatan Cabang Binjai. Laporan Anda telah kami "
        "teruskan ke sana.",
    ),
]

SPAM = [
    ("Pinjaman dana cepat cair", "Butuh dana cepat? Hubungi admin kami, bunga rendah, tanpa jaminan!!!"),
    ("tes", "tes tes coba"),
    ("Promo obat herbal", "Jual obat herbal asli, kirim ke seluruh Indonesia, hubungi WA kami."),
    ("aaaa", "asdfghjkl"),
]

# --- Staff and citizen messages -------------------------------------------------------------

VERIFY_NOTES = [
    "Terima kasih atas laporan Anda. Laporan telah kami verifikasi dan akan diteruskan ke perangkat "
    "daerah terkait.",
    "Laporan Anda sudah kami terima dan verifikasi. Mohon menunggu tindak lanjut.",
    "Terima kasih, laporan lengkap dan telah diverifikasi.",
]
ASSIGN_NOTES = [
    "Laporan diteruskan kepada {agency} untuk ditindaklanjuti.",
    "Diteruskan ke {agency} sesuai kewenangan.",
    "",
]
START_NOTES = [
    "Laporan sedang kami tangani.",
    "Petugas {agency} telah menjadwalkan peninjauan lokasi.",
    "",
]
PUBLIC_REPLIES = [
    "Terima kasih atas kesabaran Bapak/Ibu, laporan ini masih dalam proses penanganan.",
    "Petugas kami sudah turun ke lokasi untuk memastikan kondisi di lapangan.",
    "Mohon informasikan patokan lokasi yang lebih tepat agar petugas mudah menemukannya.",
    "Penanganan membutuhkan material tambahan; kami upayakan selesai secepatnya.",
]
INTERNAL_NOTES = [
    "Sudah koordinasi dengan lurah {kel}.",
    "Foto kondisi lapangan ada di grup tim, menunggu material.",
    "Perlu dianggarkan di APBD-P, sementara ditangani darurat.",
    "Pelapor sudah dihubungi lewat telepon untuk konfirmasi lokasi.",
    "Lokasi sama dengan laporan warga bulan lalu, cek riwayat.",
    "Tim lapangan dijadwalkan Kamis pagi.",
]
REASSIGN_NOTES = [
    "Lokasi dan permasalahan merupakan kewenangan {agency}; diserahkan untuk ditindaklanjuti.",
    "Setelah dicek ke lapangan, penanganannya ada di {agency}.",
]
CITIZEN_MESSAGES = [
    "Sampai hari ini belum ada perbaikan, mohon ditindaklanjuti.",
    "Terima kasih atas responsnya, kami tunggu tindak lanjutnya.",
    "Lokasinya persis di depan warung kelontong, sebelah gang kecil.",
    "Kondisinya makin parah setelah hujan kemarin.",
]
CLOSE_NOTES = [
    "Pengaduan ditutup karena telah selesai ditangani. Terima kasih atas partisipasi Anda.",
    "Pengaduan selesai dan ditutup.",
]
SPAM_NOTE = "Laporan tidak berisi pengaduan atau aspirasi yang dapat ditindaklanjuti."
DUPLICATE_NOTE = "Laporan yang sama sudah kami terima dengan nomor {reference} dan sedang ditangani."

RATING_COMMENTS = {
    5: ["Cepat ditangani, terima kasih Pemko Binjai!", "Mantap, petugas ramah dan cepat.", ""],
    4: ["Sudah diperbaiki, tapi agak lama.", "Terima kasih, semoga dirawat terus.", ""],
    3: ["Perbaikannya seadanya.", "Lumayan, tapi perlu dipantau lagi."],
    2: ["Baru ditangani setelah saya lapor berkali-kali."],
    1: ["Belum tuntas, masalahnya muncul lagi."],
}

# --- Fake reporters -----------------------------------------------------------------------

FIRST_NAMES = [
    "Ahmad", "Budi", "Siti", "Rahmat", "Dewi", "Sri", "Agus", "Fitri", "Hendra", "Rina", "Muhammad",
    "Nurul", "Yusuf", "Putri", "Rizky", "Indah", "Dedi", "Wahyu", "Lestari", "Ayu", "Fajar", "Joko",
    "Maya", "Eko", "Ratna", "Bambang", "Novita", "Irwan", "Herlina", "Andika", "Dian", "Syahrial",
    "Zulkifli", "Nurhayati", "Marlina", "Roni", "Suryani", "Ilham", "Dimas", "Tiur",
]  # fmt: skip
LAST_NAMES = [
    "Siregar", "Nasution", "Lubis", "Harahap", "Sembiring", "Ginting", "Tarigan", "Sitepu", "Purba",
    "Simanjuntak", "Hasibuan", "Pane", "Damanik", "Saragih", "Manurung", "Pardede", "Batubara",
    "Rangkuti", "Sinaga", "Santoso", "Wibowo", "Pratama", "Hidayat", "Saputra", "Syahputra",
    "Kurniawan", "Rahmawati", "Purnomo", "",
]  # fmt: skip
