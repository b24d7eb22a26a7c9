"""The English version of the demo portal, keyed by the Indonesian content it translates.

``home.demo.builder.EnglishSeeder`` copies each Indonesian page, snippet and setting for
translation (Wagtail's ``copy_for_translation``, so each is linked to its original by its
translation key, as a translation made in the admin would be) and fills in these texts. Pages
are keyed by their Indonesian site path, menu labels, tiles, figures and announcements by their
Indonesian text, categories and articles by their slug. Anything without an entry here stays
untranslated: articles are then shown in Indonesian with a note.
"""

from __future__ import annotations

from .content import PageSpec

HOME = {
    "title": "Home",
    "hero_title": "Binjai Smart City",
    "hero_text": (
        "The official portal of the City Government of Binjai: send a complaint or an idea, apply for "
        "permits, follow the city budget and keep up with the city's news from anywhere."
    ),
    "hero_link_text": "See the online services",
    "search_description": "The official portal of the City Government of Binjai, North Sumatra.",
}

# Indonesian tile title -> (English title, English description)
SERVICE_TILES = {
    "Pengaduan Warga": ("Citizen complaints", "Report problems and share your ideas through e-masyarakat."),
    "Janji Temu": ("Appointments", "Book a meeting with Binjai city officials through e-appointment."),
    "Perizinan": ("Permits", "Apply for business permits and follow them online with e-sippadu."),
    "Musrenbang": ("Musrenbang", "Propose and follow neighbourhood development plans with e-musrenbang."),
    "Anggaran Daerah": ("City budget", "See a summary of Binjai's budget (APBD) in e-budgeting."),
    "Informasi Publik": ("Public information", "Request public information from Binjai's PPID."),
}

# Indonesian key-figure label or source -> English
FIGURE_TEXTS = {
    "Kecamatan": "Districts (kecamatan)",
    "Kelurahan": "Urban villages (kelurahan)",
    "Layanan online": "Online services",
    "Perangkat daerah (OPD)": "City agencies (OPD)",
    "Binjai Smart City diluncurkan": "Binjai Smart City launched",
    "Kode wilayah Kemendagri": "Ministry of Home Affairs region codes",
    "Pemerintah Kota Binjai": "City Government of Binjai",
}

NEWS_INDEX = {
    "slug": "news",
    "title": "News",
    "intro": "The latest on the city government, public services and development in Binjai.",
}

SERVICE_INDEX = PageSpec(
    slug="services",
    title="Online Services",
    intro=(
        "Since 2016 the City Government of Binjai has offered electronic services, so that residents and "
        "businesses can deal with the city at any time without coming to an office."
    ),
    search_description="Binjai's e-government services: complaints, appointments, permits, "
    "development planning, budget and public information.",
    body=[
        ("heading", "E-masyarakat: complaints and ideas"),
        (
            "paragraph",
            "Report a damaged road, a street light that is out or rubbish that was not collected, or "
            "send a suggestion to the city. Each report goes to the agency in charge and you can follow "
            "its progress.",
        ),
        ("heading", "E-appointment: meeting city officials"),
        (
            "paragraph",
            "Choose the official you wish to meet, explain your purpose and pick an available time. "
            "The appointment is confirmed once your request is approved.",
        ),
        ("heading", "E-sippadu: one-stop permits"),
        (
            "paragraph",
            "Apply for a permit, upload the required documents and follow each step until the permit is "
            "issued, handled by Binjai's one-stop licensing agency (DPMPTSP).",
        ),
        ("heading", "E-musrenbang: participatory planning"),
        (
            "paragraph",
            "Development proposals from urban villages and districts are recorded, discussed and can be "
            "followed until they enter the city's annual work plan.",
        ),
        ("heading", "E-budgeting: an open budget"),
        (
            "paragraph",
            "A summary of the city's revenue and spending (APBD) is published so that residents can help "
            "oversee how the budget is used.",
        ),
        ("heading", "PPID: public information"),
        (
            "paragraph",
            "The public information officer (PPID) handles requests for public information under the "
            "Freedom of Public Information Act.",
        ),
        (
            "cta",
            "Need help?",
            "Contact us if you have trouble using the online services.",
            "Contact the city",
            "/tentang/kontak/",
        ),
    ],
)

ABOUT = PageSpec(
    slug="about",
    title="About Binjai",
    intro=(
        "Binjai is a city in North Sumatra between the city of Medan and Langkat Regency, known as the "
        "rambutan city and a pioneer of smart city services in North Sumatra."
    ),
    search_description="About Binjai: history, vision and mission, government, districts and contacts.",
    body=[
        (
            "paragraph",
            "On the Trans-Sumatra road, Binjai is a stopover and a trading centre for the surrounding "
            "area. The Bingai and Mencirim rivers flow through the city.",
        ),
        (
            "paragraph",
            "In December 2016 Binjai became the first local government in North Sumatra to adopt the "
            "smart city concept, launching five e-government applications.",
        ),
        ("image", "kantor", "The Binjai City Hall on Jalan Jenderal Sudirman (illustration)."),
    ],
    children=[
        PageSpec(
            slug="history",
            title="History of Binjai",
            intro="From a village on the Bingai river to a trading town on the Trans-Sumatra road.",
            body=[
                (
                    "paragraph",
                    "The name Binjai is usually linked to the binjai tree, a wild mango that once grew on "
                    "the banks of the Bingai river. Traders stopped around it and a settlement grew.",
                ),
                ("heading", "A trading town"),
                (
                    "paragraph",
                    "In the days of the tobacco and rubber plantations of East Sumatra, Binjai became a "
                    "meeting place for traders and workers of many peoples. That diversity lives on among "
                    "its Malay, Karo, Javanese, Chinese, Mandailing and other residents.",
                ),
                ("heading", "The rambutan city"),
                (
                    "paragraph",
                    "Rambutans from the orchards around Binjai have long been famous for their sweetness, "
                    "which gave the city its nickname.",
                ),
            ],
        ),
        PageSpec(
            slug="vision-mission",
            title="Vision and Mission",
            intro="Where Binjai is heading: a smart city that serves its residents.",
            body=[
                ("heading", "Vision"),
                (
                    "quote",
                    "A smart, prosperous and competitive Binjai, with public services that are open and "
                    "close to its residents.",
                ),
                ("heading", "Mission"),
                (
                    "paragraph",
                    "<ol><li>Clean, transparent and accountable government using information technology."
                    "</li><li>Better education and health services.</li><li>Even, environmentally "
                    "friendly city infrastructure.</li><li>A stronger people's economy, small businesses and "
                    "trade.</li><li>Residents involved in planning and overseeing development.</li></ol>",
                ),
            ],
        ),
        PageSpec(
            slug="government",
            title="City Government",
            intro="The agencies (OPD) that run the City of Binjai's affairs.",
            body=[
                (
                    "paragraph",
                    "The City Government of Binjai is led by the Mayor and the Deputy Mayor, assisted by "
                    "the City Secretary, who coordinates the agencies below.",
                ),
                ("agencies",),
                (
                    "cta",
                    "Want to meet an official?",
                    "Book a meeting through the appointment service.",
                    "See the online services",
                    "/layanan/",
                ),
            ],
        ),
        PageSpec(
            slug="districts",
            title="Districts and Villages",
            intro="The City of Binjai is divided into the following districts (kecamatan) and urban "
            "villages (kelurahan).",
            body=[("regions",)],
        ),
        PageSpec(
            slug="public-information",
            title="Public Information (PPID)",
            intro="How to request public information from the City Government of Binjai.",
            body=[
                (
                    "paragraph",
                    "Everyone has the right to public information. Binjai's public information officer "
                    "(PPID) works in the Communication and Informatics Agency, helped by an assistant PPID in "
                    "each agency.",
                ),
                (
                    "table",
                    "Kinds of public information",
                    ["Kind", "Examples", "How to obtain it"],
                    [
                        ["Periodic", "Budget summary, performance reports", "Download from the portal"],
                        ["Immediate", "Early disaster warnings", "Announced at once"],
                        ["On request", "City regulations, list of assets", "Request from the PPID"],
                    ],
                ),
                (
                    "cta",
                    "Request information",
                    "Send your request; an officer will reply by e-mail.",
                    "Contact the PPID",
                    "/tentang/kontak/",
                ),
            ],
        ),
        PageSpec(
            slug="faq",
            title="Frequently Asked Questions",
            intro="Common questions about Binjai's online services.",
            body=[
                (
                    "accordion",
                    "General questions",
                    [
                        (
                            "Do the online services cost anything?",
                            "<p>No. All online services of the City Government of Binjai are free; only "
                            "certain service fees (retribusi) set by city regulations apply.</p>",
                        ),
                        (
                            "How do I send a complaint?",
                            "<p>Use e-masyarakat: describe the problem briefly, attach a photo and mark the "
                            "place. You receive a reference number to follow what happens next.</p>",
                        ),
                        (
                            "How long does a business permit take?",
                            "<p>It depends on the permit. The expected time is shown when you apply in "
                            "e-sippadu, and you can follow its status at any time.</p>",
                        ),
                        (
                            "Where can I see the city budget?",
                            "<p>A summary of the budget (APBD) is in e-budgeting. More detailed documents can "
                            "be requested from the PPID.</p>",
                        ),
                        (
                            "I have no internet access. What can I do?",
                            "<p>Visit the nearest urban village or district office; staff will help you use "
                            "the services.</p>",
                        ),
                    ],
                    True,
                ),
            ],
        ),
        PageSpec(
            slug="contact",
            title="Contact",
            intro="Address, telephone and opening hours of the Binjai City Hall.",
            body=[
                (
                    "paragraph",
                    "<p><b>Binjai City Hall</b><br>Jl. Jenderal Sudirman No. 6, Binjai, North Sumatra</p>"
                    "<p>Monday–Thursday 08.00–16.00 WIB, Friday 08.00–16.30 WIB (WIB: Western Indonesia "
                    "Time, UTC+7).</p>",
                ),
                (
                    "table",
                    "Service contacts",
                    ["Service", "Agency"],
                    [
                        ["Complaints and public information", "Dinas Komunikasi dan Informatika"],
                        ["Permits", "Dinas Penanaman Modal dan PTSP"],
                        ["Civil registration", "Dinas Kependudukan dan Pencatatan Sipil"],
                        ["Disaster emergencies", "Badan Penanggulangan Bencana Daerah"],
                    ],
                ),
                (
                    "cta",
                    "Send a complaint",
                    "Complaints and ideas can be sent through the online services.",
                    "Online services",
                    "/layanan/",
                ),
            ],
        ),
    ],
)

# Indonesian site path -> English page (the home page and the news index are translated apart).
PAGES = {
    "/layanan/": SERVICE_INDEX,
    "/tentang/": ABOUT,
    **{
        f"/tentang/{indonesian}/": spec
        for indonesian, spec in zip(
            [
                "sejarah",
                "visi-misi",
                "struktur-pemerintahan",
                "peta-wilayah",
                "ppid",
                "tanya-jawab",
                "kontak",
            ],
            ABOUT.children,
            strict=True,
        )
    },
}

# Generated tables (agencies, regions): English captions and headers; the names stay Indonesian.
AGENCY_TABLE = ("Agencies of the City of Binjai", ["Abbreviation", "Name", "Head"])
REGION_TABLE = ("Districts of the City of Binjai", ["District", "Region code", "Urban villages"])
REGION_HEADING = "Kecamatan {name}"
IMAGE_CREDIT = "Illustration: City Government of Binjai"

SITE_SETTINGS = {
    "city_name": "City Government of Binjai",
    "tagline": "Binjai Smart City: serving you closer",
    "address": "Jl. Jenderal Sudirman No. 6\nBinjai, North Sumatra, Indonesia",
    "office_hours": "Monday–Thursday 08.00–16.00, Friday 08.00–16.30 WIB (UTC+7)",
}

# Indonesian menu or footer label -> English
LINK_LABELS = {
    "Beranda": "Home",
    "Berita": "News",
    "Layanan": "Services",
    "Pengaduan": "Complaints",
    "Tentang": "About",
    "Kontak": "Contact",
    "Tanya jawab": "FAQ",
    "Informasi publik (PPID)": "Public information (PPID)",
    "Peta situs": "Sitemap",
}

# category slug -> (English name, description); the slug stays the same in both languages.
CATEGORIES = {
    "pemerintahan": ("Government", "City policy, the mayor's activities and how the city is run."),
    "smart-city": ("Smart City", "Information technology and e-government applications in Binjai."),
    "pelayanan-publik": ("Public services", "Administrative services, permits and citizens' complaints."),
    "pembangunan": ("Development", "Planning and building the city's infrastructure."),
    "kesehatan": ("Health", "Public health programmes, community health centres and posyandu."),
    "pendidikan": ("Education", "Schools, teachers, students and digital literacy."),
    "ekonomi": ("Economy", "Small businesses, trade, markets and investment."),
    "lingkungan": ("Environment", "Cleanliness, green spaces and disaster preparedness."),
}

# Indonesian announcement title -> (English title, English text)
ANNOUNCEMENTS = {
    "Pemeliharaan sistem layanan online": (
        "Online services maintenance",
        "E-sippadu and e-appointment will be unavailable on Saturday night from 22.00 to 24.00 WIB for "
        "server maintenance.",
    ),
    "Pengusulan musrenbang kelurahan dibuka": (
        "Urban village development proposals open",
        "Residents can submit development proposals through their urban village office or e-musrenbang.",
    ),
    "Libur pelayanan akhir tahun": (
        "Year-end office closure",
        "Service offices are closed on national holidays and collective leave days.",
    ),
}


# Indonesian article slug -> English translation; other articles are shown in Indonesian.
ARTICLES = {
    "soft-launching-binjai-smart-city": {
        "slug": "binjai-launches-five-e-government-applications",
        "title": "Binjai Launches Five E-Government Applications, a First in North Sumatra",
        "summary": (
            "The City Government of Binjai soft-launched five e-government applications, becoming the first "
            "local government in North Sumatra to adopt the smart city concept."
        ),
        "caption": "The first launch of Binjai Smart City in the City Hall (illustration).",
        "body": [
            (
                "paragraph",
                "Binjai Smart City began on Friday, 2 December 2016 in the hall of the Binjai City Hall on "
                "Jalan Jenderal Sudirman. The soft launch was marked by a siren sounded together by Mayor "
                "M. Idaham, the Governor of North Sumatra T. Erry Nuradi, representatives of the Corruption "
                "Eradication Commission's prevention team and the regional leadership forum.",
            ),
            ("heading", "Five applications at once"),
            (
                "paragraph",
                "<p>The applications now in use are:</p><ul>"
                "<li><b>e-masyarakat</b> for residents' complaints and ideas;</li>"
                "<li><b>e-appointment</b> to book meetings with officials;</li>"
                "<li><b>e-sippadu</b> for one-stop permits;</li>"
                "<li><b>e-musrenbang</b> for development planning with residents;</li>"
                "<li><b>e-budgeting</b> for a more open budget process.</li></ul>",
            ),
        ],
    },
    "tindak-lanjut-pengaduan-e-masyarakat": {
        "slug": "most-e-masyarakat-complaints-are-about-roads-and-lights",
        "title": "Most Complaints Through E-Masyarakat Concern Roads and Street Lights",
        "summary": (
            "The Communication and Informatics Agency summarised last year's reports from residents; damaged "
            "roads, street lights and rubbish came up most often."
        ),
        "caption": "A dashboard for following residents' complaints (illustration).",
        "body": [
            (
                "paragraph",
                "The summary was discussed at an evaluation meeting with the city's agencies. Each agency "
                "was asked to answer reporters sooner, even when the work on the ground takes longer.",
            ),
            ("heading", "Tips for a report that is easy to act on"),
            (
                "paragraph",
                "<ol><li>Add a clear photo.</li><li>Mark the place on the map.</li>"
                "<li>Describe the problem briefly and politely.</li></ol>",
            ),
        ],
    },
    "lampu-penerangan-jalan-hemat-energi": {
        "slug": "energy-saving-street-lights-on-main-roads",
        "title": "Energy-Saving Street Lights Installed on Main Roads",
        "summary": (
            "The Transport Agency is replacing old street lights with LED lights that can be monitored "
            "remotely."
        ),
        "caption": "Installing LED street lights (illustration).",
        "body": [
            (
                "paragraph",
                "The new lights have sensors, so staff know when a light is out without waiting for a "
                "report. Busy roads are done first.",
            ),
            ("paragraph", "Residents can still report a broken light through e-masyarakat."),
        ],
    },
}
