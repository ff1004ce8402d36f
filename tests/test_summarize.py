"""The summarize stage: exact bullets for the samples, highlights, short/empty inputs, the registry."""

from __future__ import annotations

import pytest

from newscli.errors import InputError, UsageError
from newscli.model import Article
from newscli.summarize import METHODS, SummarizeOptions, clean_sentence, summarize_article, summarize_text

EN_TITLE = "City Council Approves New Harbor Bridge After Decade of Debate"
EN_PARAGRAPHS = [
    "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge across the harbor, ending more than ten years of argument over how to link the old port with the fast-growing eastern districts.",
    "The bridge will carry two traffic lanes, a protected cycle track and a wide footpath. Engineers estimate that it will cut the average commute from the eastern districts by 18 minutes, and the city expects construction to begin next spring.",
    '"This is the most important transport decision this council has made in a generation," said Mayor Elena Ruiz after the vote. "Families on the east side have waited long enough."',
    "The project is expected to cost 412 million dollars, of which 60 percent will come from a regional transport fund. The remaining share will be financed through municipal bonds over 25 years, according to a budget memo presented to the council.",
    "Opponents argued that the money would be better spent on expanding the existing ferry service. Councillor Mark Bell, who voted against the plan, said the estimates relied on optimistic traffic forecasts and warned that costs could rise by a third.",
    "Residents of the old port were also divided. Some shop owners welcomed the prospect of new customers, while others feared years of noise and road closures during construction.",
    "An environmental review completed last year found that the bridge piers would disturb part of a seagrass meadow. The city has promised to restore an area twice that size near the northern breakwater.",
    "The council will now invite tenders from construction firms. A final contract is expected to be signed before the end of the year, and the bridge could open to traffic in 2029.",
]
AR_TITLE = "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية"
AR_HIGHLIGHTS = [
    "المحطة تنتج نصف مليون متر مكعب من المياه يومياً",
    "المشروع يخدم أكثر من مليوني نسمة في خمس محافظات",
    "الطاقة الشمسية تغطي ثلث احتياجات المحطة من الكهرباء",
]
AR_PARAGRAPHS = [
    "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية، بطاقة إنتاجية تبلغ نصف مليون متر مكعب يومياً، وذلك بحضور عدد من الوزراء والمحافظين وممثلي الشركات المنفذة.",
    "وقال رئيس الوزراء في كلمته خلال حفل الافتتاح إن المحطة تمثل خطوة أساسية نحو تأمين مياه الشرب للأجيال القادمة، مشيراً إلى أن الدولة تواجه تحديات كبيرة بسبب تراجع الموارد المائية التقليدية وزيادة عدد السكان.",
    "وأوضح وزير الموارد المائية أن المشروع يخدم أكثر من مليوني نسمة في خمس محافظات، وأن العمل فيه استغرق ثلاث سنوات بتكلفة بلغت نحو مليار دولار، شارك في تمويلها عدد من صناديق التنمية الإقليمية.",
    "وأضاف الوزير أن ألواح الطاقة الشمسية المقامة بجوار المحطة تغطي ثلث احتياجاتها من الكهرباء، وهو ما يخفض تكلفة إنتاج المتر المكعب ويقلل الانبعاثات الناتجة عن تشغيلها.",
    "من جهته، أكد مدير المشروع أن المحطة تعتمد على تقنية التناضح العكسي، وأن المياه المنتجة تخضع لفحوص يومية في مختبرات مستقلة للتأكد من مطابقتها لمعايير منظمة الصحة العالمية.",
    "ويأتي افتتاح المحطة ضمن خطة وطنية أعلنتها الحكومة عام 2020 لإنشاء عشر محطات تحلية جديدة على امتداد الساحل، من المقرر أن يكتمل تنفيذها خلال السنوات الخمس المقبلة.",
]

FLOOD = """By staff.

Flooding closed the main coastal road on Monday after two days of heavy rain across the region.

Flooding closed the main coastal road on Monday after two days of heavy rain across the whole region.

Emergency crews evacuated forty families from low-lying streets near the river overnight.

The weather service expects the rain to ease by Wednesday afternoon."""


def _english() -> Article:
    """The English sample as the clean stage leaves it (paragraphs copied from the HTML sample)."""
    return Article(title=EN_TITLE, language="en", text="\n\n".join(EN_PARAGRAPHS))


def _arabic() -> Article:
    """The Arabic sample with the publisher's key points."""
    return Article(
        title=AR_TITLE, language="ar", highlights=list(AR_HIGHLIGHTS), text="\n\n".join(AR_PARAGRAPHS)
    )


def test_english_sample_gives_three_whole_sentences_in_document_order() -> None:
    article = summarize_article(_english(), SummarizeOptions())
    assert article.summary == [
        "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge across the harbor, "
        "ending more than ten years of argument over how to link the old port with the fast-growing "
        "eastern districts.",
        "The bridge will carry two traffic lanes, a protected cycle track and a wide footpath.",
        "Engineers estimate that it will cut the average commute from the eastern districts by 18 minutes, "
        "and the city expects construction to begin next spring.",
    ]
    assert article.stages[-1]["stage"] == "summarize"
    assert article.stages[-1]["method"] == "default"


def test_arabic_sample_returns_publisher_highlights_by_default() -> None:
    article = summarize_article(_arabic(), SummarizeOptions())
    assert article.summary == AR_HIGHLIGHTS
    assert article.stages[-1]["method"] == "highlights"


def test_arabic_sample_ignoring_highlights_gives_exact_bullets() -> None:
    article = summarize_article(_arabic(), SummarizeOptions(ignore_highlights=True))
    assert article.summary == AR_PARAGRAPHS[:3]
    assert article.stages[-1]["method"] == "default"


def test_highlights_are_cut_to_the_bullet_count() -> None:
    article = summarize_article(_arabic(), SummarizeOptions(bullets=2))
    assert article.summary == AR_HIGHLIGHTS[:2]


def test_arabic_without_language_still_summarizes() -> None:
    bullets = summarize_text("\n\n".join(AR_PARAGRAPHS), 2, language=None, title=AR_TITLE)
    assert bullets == AR_PARAGRAPHS[:2]


def test_default_skips_fragments_and_near_duplicates_that_lead_keeps() -> None:
    assert summarize_text(FLOOD, 2, language="en") == [
        "Flooding closed the main coastal road on Monday after two days of heavy rain across the region.",
        "Emergency crews evacuated forty families from low-lying streets near the river overnight.",
    ]
    assert summarize_text(FLOOD, 2, language="en", method="lead") == [
        "By staff.",
        "Flooding closed the main coastal road on Monday after two days of heavy rain across the region.",
    ]


def test_score_order_puts_the_best_sentence_first() -> None:
    text = (
        "Local bakers reported strong sales of bread during the holiday weekend.\n\n"
        "Farmers said the wheat harvest was the largest in a decade.\n\n"
        "The wheat harvest and strong bread sales lifted farmers and bakers alike this year."
    )
    best = "The wheat harvest and strong bread sales lifted farmers and bakers alike this year."
    second = "Farmers said the wheat harvest was the largest in a decade."
    assert summarize_text(text, 2, language="en", method="centrality", order="score") == [best, second]
    assert summarize_text(text, 2, language="en", method="centrality") == [second, best]


def test_fewer_sentences_than_bullets_returns_what_there_is() -> None:
    article = summarize_article(Article(text="Only one sentence here."), SummarizeOptions(bullets=5))
    assert article.summary == ["Only one sentence here."]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        summarize_article(Article(text=text), SummarizeOptions())
    assert caught.value.reason == "empty_text"


def test_ratio_overrides_bullet_count() -> None:
    article = summarize_article(_english(), SummarizeOptions(bullets=1, ratio=0.25, method="lead"))
    assert len(article.summary) == 4  # 15 sentences * 0.25, rounded


def test_repeated_sentences_never_give_duplicate_bullets() -> None:
    text = "The port reopened on Monday after the storm.\n\nThe port reopened on Monday after the storm."
    assert summarize_text(text, 3, language="en") == ["The port reopened on Monday after the storm."]


def test_bullets_lose_unpaired_quotes_brackets_and_list_marks() -> None:
    assert (
        clean_sentence("“We will not give up,” he said, “and we will")
        == "“We will not give up,” he said, and we will"
    )
    assert clean_sentence("  • Prices  rose (sharply.") == "Prices rose sharply."
    assert clean_sentence('He said "we go.') == "He said we go."


def test_registry_lists_the_methods() -> None:
    assert sorted(METHODS) == ["centrality", "default", "lead"]


def test_unknown_method_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        summarize_text("A sentence.", 1, method="magic")
    assert caught.value.message == "unknown --method 'magic'; choose one of: centrality, default, lead"


def test_ten_thousand_sentences_give_three_bullets_from_the_capped_graph() -> None:
    text = " ".join(f"Report {i} covers topic {i % 37} of the harbor council budget." for i in range(10_000))
    bullets = summarize_text(text, 3, language="en")
    assert bullets == [
        "Report 0 covers topic 0 of the harbor council budget.",
        "Report 1 covers topic 1 of the harbor council budget.",
        "Report 2 covers topic 2 of the harbor council budget.",
    ]
