"""The default summarizer falls back towards the lead when its signal is weak, and only then."""

from __future__ import annotations

import pytest

from newscli.lang.tokens import counted_tokens, language_fit
from newscli.summarize import candidates, summarize_text
from newscli.summarize_methods import Document, Weights, confidence, scored, select

# Five sentences: a long scene-setting first sentence, then four about the hospital budget.
ENGLISH = """Sunny weather brought crowds to the seafront promenade on Saturday morning, where families, cyclists, joggers, street musicians, ice cream sellers, tourists from the north, fishermen with their rods, dog walkers and retired couples filled every bench along the old harbour wall until late afternoon.
The government will raise the hospital budget this year to improve health services.
The health minister said the hospital budget will rise sharply this year.
Doctors say the new health budget for hospitals is good but must be applied now.
Citizens are waiting to see hospitals change with the new government budget."""
MSA = """كان الطقس جميلا يوم السبت على الكورنيش حيث ملأت العائلات وراكبو الدراجات والعداؤون والموسيقيون المتجولون وباعة المثلجات والسياح القادمون من الشمال والصيادون بصناراتهم ومن يتنزهون مع كلابهم والمتقاعدون كل المقاعد على طول سور الميناء القديم حتى ساعة متأخرة بعد الظهر.
قررت الحكومة زيادة ميزانية المستشفيات هذا العام من أجل تحسين الخدمات الصحية.
وقال وزير الصحة إن ميزانية المستشفيات سترتفع كثيرا هذا العام.
ويرى الأطباء في المستشفيات أن الميزانية الجديدة للصحة جيدة لكن يجب تطبيقها الآن.
وينتظر المواطنون أن يروا المستشفيات تتغير بفضل الميزانية الجديدة للحكومة."""
# The same news in Moroccan Darija: Modern Standard Arabic's stop words barely occur in it.
DARIJA = """الجو كان زوين نهار السبت فالكورنيش والعائلات والدراجات والناس اللي كيجريو والموسيقيين ديال الزنقة وبياعين الكلاص والسياح والصيادة بالقصبات ديالهم والناس اللي كيسارو الكلاب والشيوخ عمرو كاع البانكات حدا السور القديم ديال المرسى حتى للعشية.
الحكومة غادي تزيد فالميزانية ديال السبيطارات هاد العام باش تحسن الخدمات ديال الصحة.
وزير الصحة قال بلي الميزانية ديال السبيطارات غادي تطلع بزاف هاد العام.
الأطباء فالسبيطارات كيقولو بلي الميزانية الجديدة ديال الصحة مزيانة ولكن خاصها تتطبق دابا.
والمواطنين كيتسناو يشوفو السبيطارات كيتبدلو بالميزانية الجديدة ديال الحكومة."""


def _doc(text: str, language: str | None, title: str | None = None) -> Document:
    """The prepared document the selectors see."""
    return Document.build(candidates(text, language), language, title)


def test_language_fit_is_full_for_standard_arabic_and_none_for_darija() -> None:
    msa_tokens, msa_words = counted_tokens(MSA, "ar")
    darija_tokens, darija_words = counted_tokens(DARIJA, "ar")
    assert (len(msa_tokens), msa_words) == (66, 85)
    assert (len(darija_tokens), darija_words) == (79, 82)
    assert language_fit(len(msa_tokens), msa_words, "ar") == 1.0
    assert language_fit(len(darija_tokens), darija_words, "ar") == 0.0


def test_language_fit_is_zero_without_a_stop_list() -> None:
    toks, words = counted_tokens("Il governo aumenterà il bilancio degli ospedali.", "it")
    assert language_fit(len(toks), words, "it") == 0.0


def test_confident_summary_leaves_a_scene_setting_lead_in_english_and_arabic() -> None:
    english, arabic = _doc(ENGLISH, "en"), _doc(MSA, "ar")
    assert (confidence(english), confidence(arabic)) == (1.0, 1.0)
    assert summarize_text(ENGLISH, 1, language="en", title="Hospital budget rises") == [
        "The government will raise the hospital budget this year to improve health services."
    ]
    assert summarize_text(MSA, 1, language="ar", title="ميزانية المستشفيات") == [
        "قررت الحكومة زيادة ميزانية المستشفيات هذا العام من أجل تحسين الخدمات الصحية."
    ]


def test_dialect_falls_back_to_the_lead_that_the_scores_alone_would_leave() -> None:
    title = "الميزانية ديال السبيطارات"
    doc = _doc(DARIJA, "ar", title)
    assert confidence(doc) == 0.0
    assert scored(Weights(), fallback=False)(doc, 1) == [1]
    assert summarize_text(DARIJA, 1, language="ar", title=title) == [DARIJA.split("\n")[0]]
    assert summarize_text(DARIJA, 2, language="ar", title=title) == DARIJA.split("\n")[:2]


def test_unknown_language_falls_back_to_the_lead() -> None:
    assert summarize_text(ENGLISH, 1, language=None, title="Hospital budget rises") == [
        ENGLISH.split("\n")[0]
    ]


@pytest.mark.parametrize(
    ("positions", "n", "expected"),
    [
        ([1.0, 1.09, 0.5], 1, [0]),  # 0.09 better is not sure enough to leave the lead with one bullet
        ([1.0, 1.11, 0.5], 1, [1]),
        ([1.0, 1.09, 0.5], 2, [1, 0]),  # with two bullets the margin is halved
    ],
)
def test_leaving_the_lead_needs_a_margin_that_shrinks_with_more_bullets(
    positions: list[float], n: int, expected: list[int]
) -> None:
    doc = Document.build(
        [
            "Ferries resumed service between the two islands on Monday.",
            "Storm damage closed the northern pier for three weeks.",
            "Engineers inspected every mooring before the restart.",
        ],
        "en",
        None,
    )
    weights = Weights(centrality=0.0, title=0.0, length=0.0, redundancy=0.0, lead_margin=0.1)
    assert select(doc, n, positions, weights, trust=1.0) == expected
