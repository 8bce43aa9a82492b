//! The raw material of synthetic corpora: a deterministic random generator
//! and the vocabulary — English and Arabic words (with some harakat,
//! numbers, parenthesised years and Latin acronyms), speakers and themes —
//! that sentences are drawn from. The shape of the corpus (articles, trees,
//! links) is in `synthetic/mod.rs`.

/// A small, fast, deterministic generator (xorshift64*); no dependency.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Speakers a generated reported claim is attributed to.
pub(super) const VOICES: &[&str] = &[
    "US officials",
    "military commanders",
    "المتحدث باسم الحكومة",
];

pub(super) const EN: &[&str] = &[
    "US",
    "forces",
    "troops",
    "Iraq",
    "withdrawal",
    "should",
    "remain",
    "leave",
    "because",
    "the",
    "government",
    "in",
    "Baghdad",
    "security",
    "threat",
    "ISIS",
    "Iran",
    "militias",
    "coalition",
    "training",
    "intelligence",
    "sovereignty",
    "attacks",
    "bases",
    "costs",
    "benefits",
    "region",
    "Kurdish",
    "partners",
    "negotiations",
    "timeline",
    "Washington",
    "would",
    "could",
    "strengthen",
    "weaken",
    "influence",
    "after",
    "since",
    "2014",
    "2020",
    "2024",
    "army",
    "counter-terrorism",
    "air",
    "support",
    "credibility",
    "Afghanistan",
    "precedent",
    "election",
    "pressure",
    "of",
    "and",
];

pub(super) const AR: &[&str] = &[
    "القوات",
    "الأمريكية",
    "العراق",
    "الانسحاب",
    "يجب",
    "أن",
    "تبقى",
    "تغادر",
    "لأن",
    "الحكومة",
    "في",
    "بغداد",
    "الأمن",
    "تهديد",
    "داعش",
    "إيران",
    "الفصائل",
    "التحالف",
    "التدريب",
    "الاستخبارات",
    "السيادة",
    "الهجمات",
    "القواعد",
    "التكاليف",
    "الفوائد",
    "المنطقة",
    "الكردية",
    "الشركاء",
    "المفاوضات",
    "الجدول",
    "واشنطن",
    "قد",
    "يعزز",
    "يُضعف",
    "النفوذ",
    "بعد",
    "منذ",
    "(2014)",
    "(2020)",
    "عام",
    "2024",
    "الجيش",
    "مكافحة",
    "الإرهاب",
    "الدعم",
    "الجوي",
    "المصداقية",
    "أفغانستان",
    "الانتخابات",
    "الضغط",
    "إنَّ",
    "ISIS",
    "على",
    "من",
    "إلى",
    "و",
    "الْعِراقِيَّة",
    "قُوّات",
    "مُسْتَقْبَل",
    "السِّيادة",
    "الأَمْنِيَّة",
    "لَكِنَّ",
    "(2003)",
    "2500",
    "جندي",
    "NATO",
    "البرلمان",
    "قرار",
    "الاتفاقية",
    "الأمنية",
    "المصالح",
    "الاستقرار",
];

pub(super) const THEMES: &[(&str, &str, &str)] = &[
    ("isis", "ISIS threat and resurgence", "تهديد داعش وعودته"),
    ("iran", "Iran's influence", "النفوذ الإيراني"),
    (
        "iraqi-forces",
        "Capability of Iraqi forces",
        "قدرات القوات العراقية",
    ),
    (
        "security-support",
        "Coalition security support",
        "الدعم الأمني للتحالف",
    ),
    (
        "attacks-costs",
        "Attacks on and costs to US forces",
        "الهجمات على القوات الأمريكية وكلفتها",
    ),
    (
        "ct-alternatives",
        "Counter-terrorism by other means",
        "مكافحة الإرهاب بوسائل أخرى",
    ),
    (
        "us-credibility",
        "US credibility and Afghanistan",
        "المصداقية الأمريكية وسابقة أفغانستان",
    ),
    (
        "us-politics",
        "US domestic politics",
        "السياسة الداخلية الأمريكية",
    ),
    (
        "partners",
        "Kurdish and Sunni partners",
        "الشركاء الكرد والسنة",
    ),
    ("regional-rivals", "Regional rivals", "المنافسون الإقليميون"),
    ("sovereignty", "Iraqi sovereignty", "السيادة العراقية"),
    (
        "negotiations",
        "The negotiations and their timeline",
        "المفاوضات وجدولها الزمني",
    ),
];

/// Words from `words` joined until the text is about `min..max` characters.
pub(super) fn sentence(
    rng: &mut Rng,
    words: &[&str],
    min: usize,
    max: usize,
    end: &str,
) -> Box<str> {
    let target = min + rng.below(max - min + 1);
    let mut s = String::with_capacity(target * 2 + 8);
    while s.chars().count() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick(words));
    }
    s.push_str(end);
    s.into()
}
